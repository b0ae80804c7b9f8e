import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { RUN_COLUMNS, toRunView, type StaffSyncRunView } from './to-staff-sync-run-view';

/** One run with its progress and report. */
export async function findStaffSyncRun(db: Knex, id: number): Promise<StaffSyncRunView> {
  const row = await db('staff_sync_runs as r')
    .leftJoin('users as u', 'u.id', 'r.triggered_by')
    .where('r.id', id)
    .first(RUN_COLUMNS);
  if (!row) throw new NotFoundError('Proses sinkronisasi tidak ditemukan.');
  return toRunView(row);
}

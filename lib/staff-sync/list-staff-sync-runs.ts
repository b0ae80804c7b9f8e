import type { Knex } from 'knex';
import { RUN_COLUMNS, toRunView, type StaffSyncRunView } from './to-staff-sync-run-view';

/** The history of runs, newest first, one page at a time. */
export async function listStaffSyncRuns(
  db: Knex,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ items: StaffSyncRunView[]; total: number; page: number; pageSize: number }> {
  const [{ n }] = await db('staff_sync_runs').count({ n: '*' });
  const rows = await db('staff_sync_runs as r')
    .leftJoin('users as u', 'u.id', 'r.triggered_by')
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .select(RUN_COLUMNS);
  return { items: rows.map(toRunView), total: Number(n), page, pageSize };
}

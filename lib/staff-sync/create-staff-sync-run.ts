import type { Knex } from 'knex';
import type { StaffSyncSource } from './staff-sync-types';

/** A queued run, so the page can follow it from the moment it is asked for. */
export async function createStaffSyncRun(
  db: Knex,
  input: { source: StaffSyncSource; fileId?: number | null; triggeredBy: number | null },
): Promise<number> {
  const [id] = await db('staff_sync_runs').insert({
    source: input.source,
    status: 'queued',
    file_id: input.fileId ?? null,
    triggered_by: input.triggeredBy,
    started_at: new Date(),
  });
  return Number(id);
}

import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { StaffSyncReport } from './staff-sync-types';

/** Stores the report of a finished run with its audit row (the counts), in one transaction. */
export async function finishStaffSyncRun(db: Knex, runId: number, report: StaffSyncReport): Promise<void> {
  const { rejections, ...counts } = report;
  await db.transaction(async (trx) => {
    const run = await trx('staff_sync_runs').where({ id: runId }).first('triggered_by', 'source');
    await trx('staff_sync_runs')
      .where({ id: runId })
      .update({
        ...counts,
        processed: counts.total,
        status: 'finished',
        rejections: JSON.stringify(rejections),
        finished_at: new Date(),
      });
    await appendAudit(trx, {
      actorId: run?.triggered_by ?? null,
      action: 'staff_sync.finished',
      entityType: 'staff_sync_run',
      entityId: runId,
      data: { source: run?.source, ...counts },
    });
  });
}

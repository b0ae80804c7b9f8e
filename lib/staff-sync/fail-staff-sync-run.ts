import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';

/** Marks a run failed with the reason shown to the admin (already in Indonesian, without secrets). */
export async function failStaffSyncRun(db: Knex, runId: number, message: string): Promise<void> {
  await db.transaction(async (trx) => {
    const run = await trx('staff_sync_runs').where({ id: runId }).first('triggered_by', 'status');
    if (!run || run.status === 'finished' || run.status === 'failed') return;
    await trx('staff_sync_runs')
      .where({ id: runId })
      .update({ status: 'failed', message: message.slice(0, 500), finished_at: new Date() });
    await appendAudit(trx, {
      actorId: run.triggered_by ?? null,
      action: 'staff_sync.failed',
      entityType: 'staff_sync_run',
      entityId: runId,
      data: { message },
    });
  });
}

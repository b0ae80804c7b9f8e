import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { AppError, ConflictError } from '../errors';
import { staffSync, staffSyncWorkflowId } from '../../workflows/staff-sync';
import { createStaffSyncRun } from './create-staff-sync-run';
import { failStaffSyncRun } from './fail-staff-sync-run';
import type { StaffSyncSource } from './staff-sync-types';

/** Queues a run and starts its workflow (`staff-sync-<runId>`); a run Temporal did not take is marked failed. */
export async function startStaffSync(
  db: Knex,
  temporalClient: () => Promise<Client>,
  config: Config,
  input: { source: StaffSyncSource; fileId?: number; triggeredBy: number },
): Promise<number> {
  if (input.source === 'smart' && !config.smart.url) {
    throw new ConflictError('Alamat SMART (SMART_URL) belum diatur; unggah berkas ekspor.');
  }
  const runId = await createStaffSyncRun(db, input);
  try {
    await (
      await temporalClient()
    ).workflow.start(staffSync, {
      workflowId: staffSyncWorkflowId(runId),
      taskQueue: config.temporal.taskQueue,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ runId }],
    });
  } catch {
    const message = 'Mesin alur kerja (Temporal) tidak dapat dihubungi; coba lagi nanti.';
    await failStaffSyncRun(db, runId, message);
    throw new AppError(503, 'temporal_unavailable', message);
  }
  return runId;
}

/**
 * One staff sync (`staff-sync-<runId>` on demand, `staff-sync-daily-…` from the daily Schedule): runs the
 * sync activity, which reports progress by heartbeats and in its run row; when SMART cannot be read
 * even after the retries, the run is recorded as failed with the reason. Orchestration only.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { StaffSyncCounts } from '../lib/staff-sync/staff-sync-types';

export interface StaffSyncInput {
  /** The run created by the API; absent for the Schedule, which opens one itself. */
  runId?: number;
}

export interface StaffSyncActivities {
  openScheduledStaffSyncRun(): Promise<number>;
  runStaffSync(runId: number): Promise<StaffSyncCounts>;
  failStaffSyncRun(input: { runId: number; message: string }): Promise<void>;
}

export const staffSyncWorkflowId = (runId: number) => `staff-sync-${runId}`;
export const STAFF_SYNC_SCHEDULE_ID = 'staff-sync-daily';
/** Failure types whose message is meant for the admin (Indonesian, no secrets). */
export const STAFF_SYNC_FAILURE = 'staff_sync_failed';
export const STAFF_SYNC_REJECTED = 'staff_sync_rejected';

const bookkeeping = proxyActivities<StaffSyncActivities>({ startToCloseTimeout: '1m' });
const sync = proxyActivities<StaffSyncActivities>({
  startToCloseTimeout: '30m',
  // A fetch from SMART may take up to a minute before the first heartbeat.
  heartbeatTimeout: '2m',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumAttempts: 3,
    nonRetryableErrorTypes: [STAFF_SYNC_REJECTED],
  },
});

export async function staffSync(input: StaffSyncInput): Promise<StaffSyncCounts | null> {
  const runId = input.runId ?? (await bookkeeping.openScheduledStaffSyncRun());
  try {
    return await sync.runStaffSync(runId);
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    const readable =
      cause instanceof ApplicationFailure &&
      (cause.type === STAFF_SYNC_FAILURE || cause.type === STAFF_SYNC_REJECTED);
    await bookkeeping.failStaffSyncRun({
      runId,
      message: readable ? cause.message : 'Sinkronisasi gagal karena galat sistem; lihat log worker.',
    });
    return null;
  }
}

import { ApplicationFailure, Context } from '@temporalio/activity';
import { AppError } from '../lib/errors';
import { createStaffSyncRun } from '../lib/staff-sync/create-staff-sync-run';
import { failStaffSyncRun } from '../lib/staff-sync/fail-staff-sync-run';
import { runStaffSync } from '../lib/staff-sync/run-staff-sync';
import { STAFF_SYNC_FAILURE, STAFF_SYNC_REJECTED, type StaffSyncActivities } from '../workflows/staff-sync';
import type { ActivityDeps } from './deps';

/**
 * The staff sync on the worker. Our own errors carry an Indonesian message: a bad export is final,
 * SMART being unreachable or refusing is retried by the workflow's policy; anything else is retried as is.
 */
export function createStaffSyncActivities(deps: ActivityDeps): StaffSyncActivities {
  return {
    openScheduledStaffSyncRun: () => createStaffSyncRun(deps.db, { source: 'smart', triggeredBy: null }),
    runStaffSync: async (runId) => {
      try {
        const report = await runStaffSync(deps, runId, () => Context.current().heartbeat());
        // The rejected rows stay in the run's row, out of the workflow's history.
        return {
          total: report.total,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          deactivated: report.deactivated,
          rejected: report.rejected,
        };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw ApplicationFailure.create({
          type: error.status < 500 ? STAFF_SYNC_REJECTED : STAFF_SYNC_FAILURE,
          nonRetryable: error.status < 500,
          message: error.message,
        });
      }
    },
    failStaffSyncRun: ({ runId, message }) => failStaffSyncRun(deps.db, runId, message),
  };
}

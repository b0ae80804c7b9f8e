import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import type { Config } from '../config';
import { STAFF_SYNC_SCHEDULE_ID, staffSync, type StaffSyncInput } from '../../workflows/staff-sync';

/**
 * The daily sync from SMART as a Temporal Schedule (`staff-sync-daily`, cron in WIB). Created when
 * missing, brought up to date (cron, task queue) when it exists, removed when SMART is no longer
 * configured (it would only fail every night). Answers what it did, for the worker's log.
 */
export async function ensureStaffSyncSchedule(
  client: Client,
  config: Config,
): Promise<'created' | 'updated' | 'removed' | 'not_configured'> {
  if (!config.smart.url) {
    try {
      await client.schedule.getHandle(STAFF_SYNC_SCHEDULE_ID).delete();
      return 'removed';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'not_configured';
      throw err;
    }
  }
  const options = {
    scheduleId: STAFF_SYNC_SCHEDULE_ID,
    spec: { cronExpressions: [config.smart.cron], timezone: 'Asia/Jakarta' },
    action: {
      type: 'startWorkflow' as const,
      workflowType: staffSync,
      workflowId: STAFF_SYNC_SCHEDULE_ID,
      taskQueue: config.temporal.taskQueue,
      args: [{}] as [StaffSyncInput],
    },
    // A sync still running when the next is due (a very slow SMART) makes the next one wait its turn.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' as const },
    memo: { description: 'Sinkronisasi harian data pegawai dari SMART' },
  };
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(STAFF_SYNC_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
    }));
    return 'updated';
  }
}

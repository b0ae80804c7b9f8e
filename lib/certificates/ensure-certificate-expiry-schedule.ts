import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Config } from '../config';
import { CERTIFICATE_EXPIRY_SCHEDULE_ID, certificateExpiry } from '../../workflows/certificate-expiry';

/** Early in the working day (WIB), so a warning is there when the official opens e-Office. */
export const CERTIFICATE_EXPIRY_CRON = '0 7 * * *';

/**
 * The daily certificate expiry check as a Temporal Schedule (`certificate-expiry-daily`): created when
 * missing, brought up to date (cron, task queue) when it exists. Answers what it did, for the log.
 */
export async function ensureCertificateExpirySchedule(
  client: Client,
  config: Config,
): Promise<'created' | 'updated'> {
  const options = {
    scheduleId: CERTIFICATE_EXPIRY_SCHEDULE_ID,
    spec: { cronExpressions: [CERTIFICATE_EXPIRY_CRON], timezone: 'Asia/Jakarta' },
    action: {
      type: 'startWorkflow' as const,
      workflowType: certificateExpiry,
      workflowId: CERTIFICATE_EXPIRY_SCHEDULE_ID,
      taskQueue: config.temporal.taskQueue,
      args: [] as [],
    },
    // A missed day (worker or server down overnight) is caught up within the day; the notices table
    // keeps a late or doubled run from repeating a warning.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1d' as const },
    memo: { description: 'Peringatan harian sertifikat elektronik yang segera kedaluwarsa' },
  };
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(CERTIFICATE_EXPIRY_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
    }));
    return 'updated';
  }
}

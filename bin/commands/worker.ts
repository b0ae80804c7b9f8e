import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { ensureStaffSyncSchedule } from '../../lib/staff-sync/ensure-staff-sync-schedule';
import { connectClient } from '../../lib/temporal/connect';
import { createWorker } from '../../lib/worker/create-worker';
import { installTemporalLogging } from '../../lib/worker/install-temporal-logging';

/** Polls the task queue until SIGINT/SIGTERM; the SDK then finishes in-flight tasks and returns. */
export async function runWorker(config: Config, logger: Logger): Promise<void> {
  installTemporalLogging(logger);
  const { worker, close } = await createWorker(config);
  await scheduleStaffSync(config, logger);
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker polling');
  await worker.run();
  await close();
  logger.info('worker stopped');
}

/** The daily SMART sync; a failure here is logged, never a reason for the worker not to run. */
export async function scheduleStaffSync(config: Config, logger: Logger): Promise<void> {
  try {
    const client = await connectClient(config.temporal.address!, config.temporal.namespace);
    try {
      const outcome = await ensureStaffSyncSchedule(client, config);
      logger.info({ outcome, cron: config.smart.cron }, 'staff sync schedule');
    } finally {
      await client.connection.close();
    }
  } catch (err) {
    logger.warn({ err }, 'staff sync schedule could not be ensured');
  }
}

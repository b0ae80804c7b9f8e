import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { ensureCertificateExpirySchedule } from '../../lib/certificates/ensure-certificate-expiry-schedule';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { ensureStaffSyncSchedule } from '../../lib/staff-sync/ensure-staff-sync-schedule';
import { connectClient } from '../../lib/temporal/connect';
import { createWorker } from '../../lib/worker/create-worker';
import { installTemporalLogging } from '../../lib/worker/install-temporal-logging';
import { serveWorkerMetrics } from '../../lib/worker/serve-worker-metrics';

/** Polls the task queue until SIGINT/SIGTERM; the SDK then finishes in-flight tasks and returns. */
export async function runWorker(config: Config, logger: Logger): Promise<void> {
  installTemporalLogging(logger);
  const { worker, close } = await createWorker(config, { logger, shutdownGraceTime: '30s' });
  const metrics = await startMetricsServer(config, logger);
  await scheduleStaffSync(config, logger);
  await scheduleCertificateExpiry(config, logger);
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker polling');
  try {
    // Resolves after SIGTERM/SIGINT once in-flight activities finished (shutdownGraceTime).
    await worker.run();
  } finally {
    await close();
    metrics?.closeAllConnections();
    metrics?.close();
  }
  logger.info('worker stopped');
}

/** Metrics are for watching the worker, never a reason for it not to run: a busy port is a warning. */
async function startMetricsServer(config: Config, logger: Logger): Promise<Server | null> {
  const options = { host: config.host, port: config.workerMetricsPort };
  try {
    const server = await serveWorkerMetrics(options);
    if (server) logger.info(options, 'worker metrics listening');
    return server;
  } catch (err) {
    logger.warn({ err, ...options }, 'worker metrics could not listen');
    return null;
  }
}

/** Ensures one Schedule and logs the outcome; a failure is logged, never a reason for the worker not to run. */
async function ensureSchedule(
  config: Config,
  logger: Logger,
  name: string,
  ensure: (client: Client) => Promise<Record<string, unknown>>,
): Promise<void> {
  try {
    const client = await connectClient(config.temporal);
    try {
      logger.info(await ensure(client), `${name} schedule`);
    } finally {
      await client.connection.close();
    }
  } catch (err) {
    logger.warn({ err }, `${name} schedule could not be ensured`);
  }
}

/** The daily SMART sync. */
export function scheduleStaffSync(config: Config, logger: Logger): Promise<void> {
  return ensureSchedule(config, logger, 'staff sync', async (client) => ({
    outcome: await ensureStaffSyncSchedule(client, config),
    cron: config.smart.cron,
  }));
}

/** The daily warnings about certificates that are about to expire. */
export function scheduleCertificateExpiry(config: Config, logger: Logger): Promise<void> {
  return ensureSchedule(config, logger, 'certificate expiry', async (client) => ({
    outcome: await ensureCertificateExpirySchedule(client, config),
  }));
}

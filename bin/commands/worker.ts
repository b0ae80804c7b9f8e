import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { createWorker } from '../../lib/worker/create-worker';
import { installTemporalLogging } from '../../lib/worker/install-temporal-logging';

/** Polls the task queue until SIGINT/SIGTERM; the SDK then finishes in-flight tasks and returns. */
export async function runWorker(config: Config, logger: Logger): Promise<void> {
  installTemporalLogging(logger);
  const { worker, close } = await createWorker(config);
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker polling');
  await worker.run();
  await close();
  logger.info('worker stopped');
}

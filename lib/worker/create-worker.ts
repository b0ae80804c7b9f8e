import { NativeConnection, Worker } from '@temporalio/worker';
import type { Config } from '../config';
import { activities } from '../../activities';

export async function createWorker(
  config: Config,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  return { worker, connection };
}

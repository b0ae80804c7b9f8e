import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Config } from '../config';
import { createKnex } from '../db/create-knex';
import { BrowserPool } from '../pdf/browser-pool';
import { lazyTemporalClient } from '../runtime/lazy-temporal-client';
import { FileStore } from '../storage/file-store';

export interface RunningWorker {
  worker: Worker;
  /** Closes what the activities hold (database pool, Chromium) and the Temporal connection. */
  close(): Promise<void>;
}

/** A worker for e-Office's task queue, its activities bound to one database, file store and Chromium. */
export async function createWorker(config: Config): Promise<RunningWorker> {
  const db = createKnex(config.database);
  const pool = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: config.pdf.poolSize });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  // A client connection of its own, opened only if an activity starts a workflow.
  const lazy = lazyTemporalClient(config);
  let client: Promise<Client> | undefined;
  const temporalClient = () => (client = lazy());
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({
      db,
      files: new FileStore(db, config.filesDir),
      config,
      pool,
      temporalClient,
    }),
  });
  return {
    worker,
    async close() {
      await pool.close();
      await db.destroy();
      await connection.close();
      await (await client?.catch(() => undefined))?.connection.close();
    },
  };
}

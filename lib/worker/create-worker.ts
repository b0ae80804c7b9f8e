import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Config } from '../config';
import { createKnex } from '../db/create-knex';
import { createLogger, type Logger } from '../logger';
import { BrowserPool } from '../pdf/browser-pool';
import { temporalTlsOptions } from '../temporal/connect';
import { lazyTemporalClient } from '../runtime/lazy-temporal-client';
import { FileStore } from '../storage/file-store';
import { activityHeartbeatInterceptor } from './activity-heartbeat-interceptor';
import { activityMetricsInterceptor } from './activity-metrics-interceptor';

/**
 * `npm run build` writes the bundle beside the compiled code (dist/workflow-bundle.js). Under ts-jest
 * this resolves to a file that does not exist, so tests bundle the TypeScript they are testing.
 */
const PREBUILT_BUNDLE = path.resolve(__dirname, '..', '..', 'workflow-bundle.js');

export interface RunningWorker {
  worker: Worker;
  /** Closes what the activities hold (database pool, Chromium) and the Temporal connection. */
  close(): Promise<void>;
}

export interface CreateWorkerOptions {
  logger?: Logger;
  /** The prebuilt workflow bundle to use when it exists; else the worker bundles workflows/ itself. */
  workflowBundlePath?: string;
  /**
   * How long a stopping worker lets running activities (a PDF render and signature) finish before
   * cancelling them; the production entry point sets it, tests stop at once.
   */
  shutdownGraceTime?: Duration;
}

/** A worker for e-Office's task queue, its activities bound to one database, file store and Chromium. */
export async function createWorker(
  config: Config,
  options: CreateWorkerOptions = {},
): Promise<RunningWorker> {
  const logger = options.logger ?? createLogger(config.logLevel, 'worker');
  const bundlePath = options.workflowBundlePath ?? PREBUILT_BUNDLE;
  const prebuilt = fs.existsSync(bundlePath);
  const workflows = prebuilt
    ? { workflowBundle: { codePath: bundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
  logger.info(
    workflows,
    prebuilt ? 'worker uses the prebuilt workflow bundle' : 'worker bundles the workflow sources',
  );
  const db = createKnex(config.database);
  const pool = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: config.pdf.poolSize });
  const connection = await NativeConnection.connect({
    address: config.temporal.address,
    tls: temporalTlsOptions(config.temporal.tls),
  });
  // A client connection of its own, opened only if an activity starts a workflow.
  const lazy = lazyTemporalClient(config);
  let client: Promise<Client> | undefined;
  const temporalClient = () => (client = lazy());
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflows,
    interceptors: { activity: [activityMetricsInterceptor, activityHeartbeatInterceptor] },
    ...(options.shutdownGraceTime ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
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

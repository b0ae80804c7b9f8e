import type { Server } from 'node:http';
import type { Logger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { lazyTemporalClient } from '../../lib/runtime/lazy-temporal-client';
import { createWorker, type RunningWorker } from '../../lib/worker/create-worker';
import { addClassification, opdIds, userIds } from './letters';
import { issueTestCertificate, setupTestCa } from './pki';
import { seedTestDatabase } from './seeded';
import { createTestApp } from './test-app';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-database';
import { startTemporalDevServer } from './temporal-server';

export interface LetterStackOptions {
  /** Database kind; SQLite unless told otherwise. */
  kind?: DatabaseKind;
  /** Seeded users who get an active signing certificate (default: kepala.diskominfo). */
  certificateHolders?: string[];
  /** Extra environment for the configuration. */
  env?: Record<string, string>;
  /** Where the worker and the web app log (silent by default). */
  logger?: Logger;
}

export interface LetterStack {
  env: TestWorkflowEnvironment;
  t: TestDatabase;
  server: Server;
  /** The web app's own (lazy) Temporal client. */
  client: () => Promise<Client>;
  /** Ids of the seeded OPDs by code. */
  opd: Record<string, number>;
  /** Id of a seeded user by username. */
  userId(username: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Everything a letter test needs, real: a Temporal dev server, a migrated and seeded database with
 * the test CA, classification 000.1.2 and certificates for the given officials, the real worker with
 * its activities on its own task queue, and the Koa app listening on a free port. Call stop() in afterAll
 * (safe after a failed start: it stops whatever did start).
 */
export async function startLetterStack(options: LetterStackOptions = {}): Promise<LetterStack> {
  const parts: Partial<{
    env: TestWorkflowEnvironment;
    t: TestDatabase;
    server: Server;
    running: RunningWorker;
    run: Promise<void>;
    pdf: BrowserPool;
  }> = {};
  const stop = async () => {
    parts.server?.close();
    await parts.pdf?.close();
    if (parts.running) {
      parts.running.worker.shutdown();
      await parts.run?.catch(() => undefined);
      await parts.running.close();
    }
    await parts.t?.drop();
    await parts.env?.teardown();
  };
  try {
    parts.env = await startTemporalDevServer();
    const t = await createTestDatabase(options.kind ?? 'sqlite', {
      env: {
        TEMPORAL_ADDRESS: parts.env.connection.options.address,
        TEMPORAL_TASK_QUEUE: `letters-${process.pid}-${Date.now()}`,
        P12_KDF_ITERATIONS: '10000',
        PDF_POOL_SIZE: '1',
        ...options.env,
      },
    });
    parts.t = t;
    await seedTestDatabase(t);
    await setupTestCa(t);
    for (const username of options.certificateHolders ?? ['kepala.diskominfo']) {
      await issueTestCertificate(t, { username });
    }
    await addClassification(t.db);
    parts.running = await createWorker(t.config, { logger: options.logger });
    parts.run = parts.running.worker.run();
    const client = lazyTemporalClient(t.config);
    parts.pdf = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    parts.server = createTestApp(t.config, t.db, client, options.logger, parts.pdf).listen(0);
    return {
      env: parts.env,
      t,
      server: parts.server,
      client,
      opd: await opdIds(t.db),
      userId: async (username) => (await userIds(t.db, [username]))[username],
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

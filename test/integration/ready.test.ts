import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:http';
import request from 'supertest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { lazyTemporalClient } from '../../lib/runtime/lazy-temporal-client';
import { createWorker } from '../../lib/worker/create-worker';
import { bearerTokens } from '../support/bearer-tokens';
import { letterBody } from '../support/letter-story';
import { addClassification, opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-database';
import { startTemporalDevServer } from '../support/temporal-server';

describe('/ready with a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  let server: Server;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let closeWorker: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    env = await startTemporalDevServer();
    const address = env.connection.options.address;
    t = await createTestDatabase('sqlite', {
      env: { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: `ready-${Date.now()}` },
    });
    server = createTestApp(t.config, t.db, lazyTemporalClient(t.config)).listen(0);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await closeWorker?.();
    server.close();
    await t.drop();
    await env.teardown();
  });

  it('is alive at once, but ready only once a worker polls the task queue', async () => {
    expect((await request(server).get('/health')).body).toEqual({ status: 'ok' });

    const before = await request(server).get('/ready');
    expect(before.status).toBe(503);
    expect(before.body).toEqual({
      status: 'not_ready',
      checks: { database: 'ok', temporal: 'ok', worker: 'no_worker' },
    });

    const created = await createWorker(t.config);
    worker = created.worker;
    closeWorker = created.close;
    running = worker.run();
    let after = await request(server).get('/ready');
    for (let i = 0; i < 60 && after.status !== 200; i++) {
      await sleep(500);
      after = await request(server).get('/ready');
    }
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok', worker: 'ok' } });
  });

  it('reports Temporal down when the server cannot be reached, and answers a write with a clear 503', async () => {
    const config = testConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1', DATA_DIR: t.dataDir });
    const app = createTestApp(config, t.db, lazyTemporalClient(config)).listen(0);
    try {
      const res = await request(app).get('/ready');
      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ database: 'ok', temporal: 'error', worker: 'error' });

      await seedTestDatabase(t);
      await addClassification(t.db);
      const { 'staf1.diskominfo': token } = await bearerTokens(app, ['staf1.diskominfo']);
      const letters = await t.db('letters').count({ n: '*' });
      const write = await request(app)
        .post('/api/v1/letters')
        .set('Authorization', `Bearer ${token}`)
        .send(letterBody({ recipients: [(await opdIds(t.db)).DISDIK] }));
      expect(write.status).toBe(503);
      expect(write.headers['retry-after']).toBe('10');
      expect(write.body.error).toEqual({
        code: 'service_unavailable',
        message: 'Layanan alur surat sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
      });
      expect(await t.db('letters').count({ n: '*' })).toEqual(letters);
    } finally {
      app.close();
    }
  });
});

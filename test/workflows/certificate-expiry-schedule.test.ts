/**
 * The daily expiry warnings as a Temporal Schedule on a real dev server with the real worker: the
 * worker's start creates `certificate-expiry-daily` (and updates it on the next start), and a
 * triggered run warns the holder of a certificate that ends in ten days, once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { scheduleCertificateExpiry } from '../../bin/commands/worker';
import { CERTIFICATE_EXPIRY_CRON } from '../../lib/certificates/ensure-certificate-expiry-schedule';
import { createLogger } from '../../lib/logger';
import { issueCertificate } from '../../lib/pki/issue-certificate';
import { createWorker, type RunningWorker } from '../../lib/worker/create-worker';
import { CERTIFICATE_EXPIRY_SCHEDULE_ID } from '../../workflows/certificate-expiry';
import { TEST_PASSPHRASE, setupTestCa, userIdOf } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { startTemporalDevServer } from '../support/temporal-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let running: RunningWorker;
let run: Promise<void>;

beforeAll(async () => {
  env = await startTemporalDevServer();
  t = await createTestDatabase('sqlite', {
    env: {
      TEMPORAL_ADDRESS: env.connection.options.address,
      TEMPORAL_TASK_QUEUE: `certificates-${process.pid}-${Date.now()}`,
      P12_KDF_ITERATIONS: '10000',
    },
  });
  await seedTestDatabase(t);
  const ca = await setupTestCa(t);
  await issueCertificate(
    { ...ca.deps, pki: { ...ca.pki, certValidityDays: 10 } },
    { userId: await userIdOf(t.db, 'kepala.disdik'), passphrase: TEST_PASSPHRASE, actorId: null },
  );
  running = await createWorker(t.config);
  run = running.worker.run();
});
afterAll(async () => {
  if (running) {
    running.worker.shutdown();
    await run?.catch(() => undefined);
    await running.close();
  }
  await t?.drop();
  await env?.teardown();
});

test('the worker ensures the daily schedule, and a trigger warns the holder once', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', 'worker', { write: (line: string) => lines.push(JSON.parse(line)) });
  await scheduleCertificateExpiry(t.config, logger);
  await scheduleCertificateExpiry(t.config, logger);
  expect(lines.map((l) => [l.msg, l.outcome])).toEqual([
    ['certificate expiry schedule', 'created'],
    ['certificate expiry schedule', 'updated'],
  ]);

  const client = new Client({ connection: env.connection, namespace: t.config.temporal.namespace });
  const handle = client.schedule.getHandle(CERTIFICATE_EXPIRY_SCHEDULE_ID);
  const description = await handle.describe();
  expect(CERTIFICATE_EXPIRY_CRON).toBe('0 7 * * *');
  expect(description.spec.timezone).toBe('Asia/Jakarta');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({
      hour: [{ start: 7, end: 7, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    }),
  ]);
  expect(description.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: 'certificateExpiry',
    taskQueue: t.config.temporal.taskQueue,
  });

  const holder = await userIdOf(t.db, 'kepala.disdik');
  const notices = () =>
    t.db('notifications').where({ user_id: holder, kind: 'certificate_expiry' }).pluck('title');
  await handle.trigger();
  let recorded: unknown[] = [];
  for (let i = 0; i < 120 && !recorded.length; i++) {
    recorded = await notices();
    if (!recorded.length) await sleep(250);
  }
  expect(recorded).toEqual(['Sertifikat elektronik Anda berakhir dalam 10 hari']);
  const recent = (await handle.describe()).info.recentActions;
  const workflowId = recent[0].action.workflow.workflowId;
  expect(workflowId).toMatch(/^certificate-expiry-daily-/);
  expect(await client.workflow.getHandle(workflowId).result()).toBe(1);

  // A second run the same day repeats nothing.
  await handle.trigger();
  for (let i = 0; i < 120 && (await handle.describe()).info.recentActions.length < 2; i++) await sleep(250);
  const second = (await handle.describe()).info.recentActions[1].action.workflow.workflowId;
  expect(await client.workflow.getHandle(second).result()).toBe(0);
  expect(await notices()).toHaveLength(1);
});

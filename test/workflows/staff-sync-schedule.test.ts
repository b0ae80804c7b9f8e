/**
 * The daily sync as a Temporal Schedule on a real dev server with the real worker: what the worker does
 * at start (create `staff-sync-daily` when SMART_URL is set, update it on the next start, remove it when
 * SMART is unset, and only log when Temporal cannot be reached), and a triggered schedule running a sync.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { scheduleStaffSync } from '../../bin/commands/worker';
import { createLogger } from '../../lib/logger';
import { STAFF_SYNC_SCHEDULE_ID } from '../../workflows/staff-sync';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { SMART_TOKEN, startSmartServer, type SmartServer } from '../support/smart-server';
import { testConfig } from '../support/test-database';

jest.setTimeout(180_000);

let smart: SmartServer;
let stack: LetterStack;

beforeAll(async () => {
  smart = await startSmartServer();
  stack = await startLetterStack({
    env: { SMART_URL: smart.url, SMART_TOKEN, SMART_SYNC_CRON: '30 1 * * *' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await smart?.close();
});

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', 'worker', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

test('the worker creates the daily schedule, updates it on restart, and a trigger runs a sync', async () => {
  const { logger, lines } = capturedLogger();
  await scheduleStaffSync(stack.t.config, logger);
  await scheduleStaffSync(stack.t.config, logger);
  expect(lines.map((l) => l.outcome)).toEqual(['created', 'updated']);

  const client = await stack.client();
  const handle = client.schedule.getHandle(STAFF_SYNC_SCHEDULE_ID);
  const description = await handle.describe();
  expect(description.spec.timezone).toBe('Asia/Jakarta');
  expect(description.spec.calendars).toEqual([
    expect.objectContaining({
      hour: [{ start: 1, end: 1, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    }),
  ]);
  expect(description.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: 'staffSync',
    taskQueue: stack.t.config.temporal.taskQueue,
  });
  expect(description.memo).toEqual({ description: 'Sinkronisasi harian data pegawai dari SMART' });

  await handle.trigger();
  let run;
  for (let i = 0; i < 120 && !run; i++) {
    run = await stack.t.db('staff_sync_runs').where({ status: 'finished' }).first();
    if (!run) await sleep(250);
  }
  expect(run).toMatchObject({ source: 'smart', triggered_by: null, created: 383, rejected: 15 });
  const recent = (await handle.describe()).info.recentActions;
  expect(recent[0].action.workflow.workflowId).toMatch(/^staff-sync-daily-/);
});

test('without SMART_URL the worker removes the schedule; an unreachable Temporal is only logged', async () => {
  const { logger, lines } = capturedLogger();
  const env = { TEMPORAL_ADDRESS: stack.t.config.temporal.address! };
  await scheduleStaffSync(testConfig(env), logger);
  await scheduleStaffSync(testConfig(env), logger);
  expect(lines.map((l) => l.outcome)).toEqual(['removed', 'not_configured']);
  const client = await stack.client();
  await expect(client.schedule.getHandle(STAFF_SYNC_SCHEDULE_ID).describe()).rejects.toThrow();

  await scheduleStaffSync(testConfig({ SMART_URL: smart.url, TEMPORAL_ADDRESS: '127.0.0.1:1' }), logger);
  expect(lines.at(-1)).toMatchObject({ level: 40, msg: 'staff sync schedule could not be ensured' });
});

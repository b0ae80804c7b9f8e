import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { assignNumberUpdate, signUpdate, submitUpdate, verifyUpdate } from '../../workflows/outgoing-letter';
import {
  DRAFTER,
  OPD,
  WORKFLOWS_PATH,
  letterInput,
  mockActivities,
  startLetter,
  startTimeSkipping,
  workflowBundle,
} from './support';

/**
 * Upgrades of running letters: delivery started incoming-letter workflows only after a change guarded
 * by patched('start-incoming-workflows'). A letter recorded by the code before that change (the patch
 * read as not made) must replay on today's code, which sees no marker and skips the new step; the same
 * change without the guard must fail that replay, or this test would prove nothing. The variants flip
 * every patch at once: records and notices moved to local activities behind patched('local-bookkeeping').
 */

jest.setTimeout(120_000);

const [VERIFIER, SIGNER] = [201, 300];
const PATCH_ID = 'start-incoming-workflows';

/** The workflows bundled with @temporalio/workflow replaced by a variant in patch-variants/. */
function bundleWith(variant: string): Promise<WorkflowBundle> {
  const shim = path.join(__dirname, 'patch-variants', `${variant}.ts`);
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    webpackConfigHook: (config) => ({
      ...config,
      // The SDK's own aliases (its converters) stay.
      resolve: { ...config.resolve, alias: { ...config.resolve?.alias, '@temporalio/workflow$': shim } },
    }),
  });
}

type History = temporal.api.history.v1.IHistory;
const CHILD_STARTED = temporal.api.enums.v1.EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED;
const eventTypes = (history: History) => (history.events ?? []).map((e) => e.eventType);
const TASK_COMPLETED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
/** How many workflow tasks issued child starts (a task's commands follow its completed event). */
function tasksStartingChildren(history: History): number {
  const tasks = new Set<number>();
  let task = 0;
  for (const type of eventTypes(history)) {
    if (type === TASK_COMPLETED) task++;
    else if (type === CHILD_STARTED) tasks.add(task);
  }
  return tasks.size;
}
/** The activities scheduled through the server (local activities leave markers instead). */
const scheduledActivities = (history: History) =>
  new Set((history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name));
/** The patch ids of the patch markers in a history. */
const patchMarkers = (history: History) =>
  (history.events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => JSON.parse(Buffer.from(m!.details!['patch-data'].payloads![0].data!).toString()).id);

/** Runs one letter through delivery on the given bundle, delivery handing over `recipients` incoming letters. */
async function recordDeliveredLetter(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundle,
  letterId: number,
  recipients = 1,
) {
  const activities = mockActivities();
  activities.deliverLetter.mockResolvedValue({
    delivered: recipients,
    incoming: Array.from({ length: recipients }, (_, i) => ({
      incomingId: 9000 + letterId * 10 + i,
      opdId: OPD + 1 + i,
      reminderBeforeHours: 0,
    })),
  });
  const taskQueue = `patched-guard-${process.pid}-${letterId}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: bundle,
    activities,
  });
  return worker.runUntil(async () => {
    const h = await startLetter(env, taskQueue, letterInput(letterId));
    await h.executeUpdate(submitUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [VERIFIER], signerId: SIGNER }],
    });
    await h.executeUpdate(verifyUpdate, {
      args: [{ actorId: VERIFIER, baseVersionNo: 1, decision: 'approve' }],
    });
    await h.executeUpdate(assignNumberUpdate, {
      args: [
        {
          actorId: 400,
          actorIsAdmin: true,
          actorOpdId: OPD,
          number: `800/${letterId}/2026`,
          date: '2026-11-29',
        },
      ],
    });
    await h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'g-1' }] });
    expect(await h.result()).toMatchObject({ status: 'sent' });
    return { workflowId: h.workflowId, history: await h.fetchHistory() };
  });
}

async function replayError(bundle: WorkflowBundle, recorded: { workflowId: string; history: History }) {
  try {
    await Worker.runReplayHistory({ workflowBundle: bundle }, recorded.history, recorded.workflowId);
    return null;
  } catch (err) {
    return err as Error;
  }
}

let env: TestWorkflowEnvironment;
let before: { workflowId: string; history: History };

beforeAll(async () => {
  env = await startTimeSkipping();
  before = await recordDeliveredLetter(env, await bundleWith('before-the-change'), 1);
});
afterAll(() => env?.teardown());

test('a letter delivered before the change has neither the patch marker nor a started incoming workflow', () => {
  expect(patchMarkers(before.history)).toEqual([]);
  expect(eventTypes(before.history)).not.toContain(CHILD_STARTED);
  expect(scheduledActivities(before.history)).toEqual(
    new Set([
      undefined,
      'checkSubmission',
      'recordProgress',
      'notify',
      'registerNumber',
      'signLetter',
      'deliverLetter',
    ]),
  );
});

test('it replays cleanly on today’s code, guarded by patched()', async () => {
  expect(await replayError(await workflowBundle(), before)).toBeNull();
});

test('the same change without the guard fails that replay with a non-determinism error', async () => {
  const error = await replayError(await bundleWith('without-the-guard'), before);
  expect(error?.name).toBe('DeterminismViolationError');
});

test('a letter of the day before (checks through the server, incoming letters one by one) replays on today’s code', async () => {
  const dayBefore = await recordDeliveredLetter(env, await bundleWith('before-local-checks'), 3, 3);
  expect(patchMarkers(dayBefore.history).sort()).toEqual(['local-bookkeeping', PATCH_ID]);
  expect(scheduledActivities(dayBefore.history)).toEqual(
    new Set([undefined, 'checkSubmission', 'registerNumber', 'signLetter', 'deliverLetter']),
  );
  expect(tasksStartingChildren(dayBefore.history)).toBe(3);
  expect(await replayError(await workflowBundle(), dayBefore)).toBeNull();
  const unguarded = await replayError(await bundleWith('without-the-guard'), dayBefore);
  expect(unguarded?.name).toBe('DeterminismViolationError');
});

test('a letter delivered by today’s code records the patches, starts its incoming workflows together and keeps its checks and bookkeeping local', async () => {
  const today = await recordDeliveredLetter(env, await workflowBundle(), 2, 3);
  expect(patchMarkers(today.history).sort()).toEqual([
    'local-bookkeeping',
    'local-checks',
    'start-incoming-together',
    PATCH_ID,
  ]);
  expect(eventTypes(today.history).filter((type) => type === CHILD_STARTED)).toHaveLength(3);
  expect(tasksStartingChildren(today.history)).toBe(1);
  // Records, notices, the submission check and the number register run as local activities, without
  // a round trip through the server.
  expect(scheduledActivities(today.history)).toEqual(new Set([undefined, 'signLetter', 'deliverLetter']));
  expect(await replayError(await workflowBundle(), today)).toBeNull();
});

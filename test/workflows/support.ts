import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { findTemporalTestServer } from '../../lib/temporal/temporal-cli';
import { SEARCH_ATTRIBUTES } from '../../lib/temporal/search-attributes';
import type {
  LetterActivities,
  LetterContent,
  OutgoingLetterInput,
} from '../../workflows/outgoing-letter-types';
import { outgoingLetter } from '../../workflows/outgoing-letter';

// Worker lifecycle chatter and expected activity refusals would drown the test output.
try {
  Runtime.install({
    logger: new DefaultLogger('ERROR'), // refused activities log a warning by design
    // Core warns that the test server is old (heartbeat details): irrelevant to these workflows.
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
} catch {
  // already installed by an earlier test file in this process
}

export const WORKFLOWS_PATH = require.resolve('../../workflows');
export const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');
export const HOUR = 3_600_000;

/** The pinned time-skipping test server, with e-Office's search attributes registered like the dev server. */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalTestServer() } },
  });
  const types = { Keyword: 2 } as const; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.entries(SEARCH_ATTRIBUTES).map(([k, t]) => [k, types[t]])),
  });
  return env;
}

/** Bundled once per test file: every test's worker reuses it (bundling costs seconds). */
let bundle: Promise<WorkflowBundle> | undefined;
export const workflowBundle = () =>
  (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet }));
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** jest mocks standing in for a set of activities, each typed like the activity it replaces. */
export type MocksOf<A> = {
  [K in keyof A]: A[K] extends (...args: infer P) => infer R ? jest.Mock<R, P> : never;
};
export type Mocks = MocksOf<LetterActivities>;

/** Activity mocks that succeed: versions count up from 1, signing yields a fixed document code. */
export function mockActivities(): Mocks {
  let version = 1;
  return {
    saveLetterVersion: mockOf('saveLetterVersion', async () => ({ versionNo: ++version })),
    checkSubmission: mockOf('checkSubmission', async () => undefined),
    recordProgress: mockOf('recordProgress', async () => undefined),
    registerNumber: mockOf('registerNumber', async () => undefined),
    signLetter: mockOf('signLetter', async () => ({ documentCode: 'DOC-CODE-1', sha256: 'ab'.repeat(32) })),
    deliverLetter: mockOf('deliverLetter', async () => ({ delivered: 2, incoming: [] })),
    notify: mockOf('notify', async () => undefined),
  };
}

function mockOf<K extends keyof LetterActivities>(
  _name: K,
  impl: (...args: Parameters<LetterActivities[K]>) => ReturnType<LetterActivities[K]>,
): Mocks[K] {
  return jest.fn(impl) as unknown as Mocks[K];
}

let seq = 0;
/** Runs `fn` with a worker (fresh task queue) polling for it, then shuts the worker down. */
export async function withWorker<T>(
  env: TestWorkflowEnvironment,
  activities: object,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `letters-test-${process.pid}-${++seq}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  return worker.runUntil(fn(taskQueue));
}

export const DRAFTER = 100;
export const OPD = 7;

export function letterInput(
  letterId: number,
  overrides: Partial<OutgoingLetterInput> = {},
): OutgoingLetterInput {
  return {
    letterId,
    drafterId: DRAFTER,
    opdId: OPD,
    versionNo: 1,
    deadlines: { stepHours: 24, reminderBeforeHours: 4 },
    ...overrides,
  };
}

export function startLetter(env: TestWorkflowEnvironment, taskQueue: string, input: OutgoingLetterInput) {
  return env.client.workflow.start(outgoingLetter, {
    workflowId: `letter-${input.letterId}-${taskQueue}`,
    taskQueue,
    args: [input],
  });
}

export const content = (subject = 'Undangan rapat koordinasi'): LetterContent => ({
  kind: 'undangan',
  subject,
  sifat: 'Biasa',
  urgency: 'biasa',
  classification: '000.1.2',
  fields: { isi: '<p>Dengan hormat,</p>' },
  recipientOpdIds: [8, 9],
  ccOpdIds: [],
});

const History = temporal.api.history.v1.History;
type History = temporal.api.history.v1.IHistory;

/**
 * History as plain JSON (enum names, int64 and bytes as strings). Not @temporalio/common's historyToJSON:
 * in this install @temporalio/common bundles protobufjs 8 while @temporalio/proto is built on protobufjs 7,
 * and historyToJSON/historyFromJSON throw "type must be a Type".
 */
export const historyJson = (history: History): string =>
  JSON.stringify(
    History.toObject(History.fromObject(history), { enums: String, longs: String, bytes: String }),
  );

export const historyFromFile = (file: string) =>
  History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8')));

/** With RECORD_HISTORIES=1, stores the run's history as a replay fixture (test/fixtures/histories). */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const file = path.join(HISTORIES_DIR, `${name}.json`);
  fs.writeFileSync(file, historyJson(history));
  // Formatted as `prettier --check .` expects, so a re-recording is commit-ready as it is. (The CLI:
  // prettier's API imports dynamically, which jest's VM refuses.)
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', file], {
    stdio: 'ignore',
  });
}

/** The failure message of a refused update (validator or activity refusal). */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    let e: unknown = err;
    while (e instanceof Error && (e as { cause?: unknown }).cause instanceof Error)
      e = (e as { cause: Error }).cause;
    return (e as Error).message;
  }
  throw new Error('expected the update to be refused');
}

/** The first argument of every call to a mock, in order. */
export const callsOf = <A>(m: jest.Mock<unknown, [A]>): A[] => m.mock.calls.map((c) => c[0]);

/** Waits (real time) until the assertion holds: activities run a moment after the timer or update. */
export async function eventually(assertion: () => void | Promise<void>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Gives the worker a moment (real time) to run anything that is due, so "nothing happened" means it. */
export const settle = () => new Promise((r) => setTimeout(r, 300));

/** A promise the test resolves by hand, to hold an activity open. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { disposeUpdate, incomingLetter, registerIncomingUpdate } from '../../workflows/incoming-letter';
import { disposition } from '../../workflows/disposition';
import {
  dispositionWorkflowId,
  incomingWorkflowId,
  type DisposeArgs,
  type IncomingActivities,
  type IncomingLetterInput,
  type IncomingNoticeKind,
} from '../../workflows/incoming-letter-types';
import { callsOf, eventually, type MocksOf } from './support';

export type IncomingMocks = MocksOf<IncomingActivities>;

/** The people of one OPD, as the demo seed has them: admin → sekretaris → kepala → kabid → staff. */
export const OPD = 7;
export const [ADMIN, SEKRETARIS, KEPALA, KABID, STAF1, STAF2, STAF3, OUTSIDER] = [
  10, 11, 12, 13, 14, 15, 16, 99,
];
export const admin = { actorId: ADMIN, actorIsAdmin: true, actorOpdId: OPD };

// Disposition ids are workflow ids (`disposition-<id>`) on the test server: unique across the file.
let nextDispositionId = 1000;

/**
 * Activity mocks that succeed: agenda numbers count up, dispositions get fresh ids, and a retry of
 * createDispositions with the same key returns the same ids, as the real activity does.
 */
export function mockIncomingActivities(): IncomingMocks {
  let agenda = 0;
  const byKey = new Map<string, number[]>();
  return {
    registerIncoming: mockOf('registerIncoming', async () => ({
      agendaNumber: `${String(++agenda).padStart(4, '0')}/2026`,
    })),
    createDispositions: mockOf('createDispositions', async ({ key, toUserIds }) => {
      if (!byKey.has(key))
        byKey.set(
          key,
          toUserIds.map(() => ++nextDispositionId),
        );
      return { ids: byKey.get(key)! };
    }),
    recordIncomingStatus: mockOf('recordIncomingStatus', async () => undefined),
    recordDispositionStatus: mockOf('recordDispositionStatus', async () => undefined),
    recordFollowUp: mockOf('recordFollowUp', async () => undefined),
    closeIncoming: mockOf('closeIncoming', async () => undefined),
    notifyIncoming: mockOf('notifyIncoming', async () => undefined),
  };
}

function mockOf<K extends keyof IncomingActivities>(_name: K, impl: IncomingActivities[K]): IncomingMocks[K] {
  return jest.fn(impl as (...args: never[]) => unknown) as unknown as IncomingMocks[K];
}

export const incomingInput = (
  incomingId: number,
  overrides: Partial<IncomingLetterInput> = {},
): IncomingLetterInput => ({ incomingId, opdId: OPD, reminderBeforeHours: 24, ...overrides });

export function startIncoming(env: TestWorkflowEnvironment, taskQueue: string, input: IncomingLetterInput) {
  return env.client.workflow.start(incomingLetter, {
    workflowId: incomingWorkflowId(input.incomingId),
    taskQueue,
    args: [input],
  });
}

export type IncomingHandle = Awaited<ReturnType<typeof startIncoming>>;

export const dispositionHandle = (env: TestWorkflowEnvironment, dispositionId: number) =>
  env.client.workflow.getHandle<typeof disposition>(dispositionWorkflowId(dispositionId));

export const disposeArgs = (actorId: number, toUserIds: number[], extra: Partial<DisposeArgs> = {}) => ({
  actorId,
  toUserIds,
  instruction: 'Untuk ditindaklanjuti',
  dueAt: null,
  ...extra,
});

/** Registers the letter and disposes it from the bagian umum to the secretary: the usual first steps. */
export async function registerAndDispose(h: IncomingHandle, toUserIds = [SEKRETARIS]) {
  await h.executeUpdate(registerIncomingUpdate, { args: [admin] });
  return h.executeUpdate(disposeUpdate, { args: [{ ...admin, ...disposeArgs(ADMIN, toUserIds) }] });
}

/** Notices so far, as [kind, userIds] (with alsoOpdAdmins marked as 'admins'). */
export const noticesOf = (acts: IncomingMocks, ...kinds: IncomingNoticeKind[]) =>
  callsOf(acts.notifyIncoming)
    .filter((n) => kinds.length === 0 || kinds.includes(n.kind))
    .map((n) => (n.alsoOpdAdmins ? [n.kind, n.userIds, 'admins'] : [n.kind, n.userIds]));

/** Disposition status records so far, as [dispositionId, status, action, actorId]. */
export const statusesOf = (acts: IncomingMocks) =>
  callsOf(acts.recordDispositionStatus).map((r) => [r.dispositionId, r.status, r.action, r.actorId]);

/**
 * A workflow's final state once it completed, polled and queried rather than awaited: awaiting a result
 * lets the test server skip time, and with nothing else in flight it jumps to the next timer (another
 * disposition's reminder, or the server's default ten-year timeout of the workflows still open).
 */
export async function finalState<S>(handle: WorkflowHandle, query: QueryDefinition<S>): Promise<S> {
  await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), 10_000);
  return handle.query(query);
}

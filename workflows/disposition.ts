/**
 * One disposition of an incoming letter, one workflow each (`disposition-<id>`), a child of the letter's
 * workflow or of the disposition it was forwarded from, so the workflow tree mirrors the disposition tree.
 * unread → read → done (follow-up or finish), or forwarded → done when its own forwards are; recalled by
 * the giver while unread. Its due time drives a reminder and an overdue notice. Orchestration only.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  dispositionWorkflowId,
  INCOMING_REFUSAL,
  incomingWorkflowId,
  OPEN_DISPOSITION,
  type ActorArgs,
  type DisposeArgs,
  type DispositionInput,
  type DispositionState,
  type DispositionStatus,
  type FinishDispositionArgs,
  type FollowUpArgs,
  type IncomingActivities,
  type IncomingNoticeKind,
} from './incoming-letter-types';
import { BACKGROUND, INTERACTIVE } from './activity-options';
import { refuse, unwrapRefusal } from './outgoing-letter';

export const readDispositionUpdate = defineUpdate<DispositionState, [ActorArgs]>('read');
export const followUpUpdate = defineUpdate<DispositionState, [FollowUpArgs]>('followUp');
export const forwardUpdate = defineUpdate<DispositionState, [DisposeArgs]>('forward');
export const recallUpdate = defineUpdate<DispositionState, [ActorArgs]>('recall');
export const finishDispositionUpdate = defineUpdate<DispositionState, [FinishDispositionArgs]>('finish');
export const dispositionStateQuery = defineQuery<DispositionState>('state');

/**
 * Every disposition tells the letter's workflow when it opens and when it ends, so the letter knows
 * every open receiver in its tree (to tell them when the head closes it), not only its own children's.
 */
export const dispositionProgressSignal =
  defineSignal<[{ dispositionId: number; toUserId: number; open: boolean }]>('dispositionProgress');

export const interactive = proxyActivities<IncomingActivities>(INTERACTIVE);
export const background = proxyActivities<IncomingActivities>(BACKGROUND);

const HOUR_MS = 3_600_000;
const isOpen = (status: DispositionStatus) => OPEN_DISPOSITION.includes(status);
/** Whose part the actor plays: their own, or that of the official they stand in for as Plt / Plh. */
const actsAs = (a: ActorArgs) => a.onBehalfOf ?? a.actorId;

/** The receiver checks shared by disposing from the letter and forwarding a disposition. */
export function checkReceivers(a: DisposeArgs): string | null {
  if (!a.toUserIds?.length) return INCOMING_REFUSAL.noReceivers;
  if (new Set(a.toUserIds).size !== a.toUserIds.length) return INCOMING_REFUSAL.duplicateReceiver;
  if (a.toUserIds.includes(a.actorId)) return INCOMING_REFUSAL.selfReceiver;
  return null;
}

/**
 * Update handlers (and the workflow's own reactions to its children) await activities; this lock runs
 * them one at a time, and each update re-checks its validation once it holds the lock (another update may
 * have moved things meanwhile). The validator runs the same check first, so a refusal leaves no history.
 */
export function serialUpdates<S>(snapshot: () => S) {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };
  const reject = (refusal: string | null) => {
    if (refusal) throw refuse(refusal);
  };
  return {
    run,
    /** Resolves once every queued piece of work has run. */
    idle: () => run(async () => undefined),
    set<A>(def: UpdateDefinition<S, [A]>, check: (a: A) => string | null, body: (a: A) => Promise<void>) {
      setHandler(
        def,
        (a: A) =>
          run(async () => {
            reject(check(a));
            await body(a);
            return snapshot();
          }),
        { validator: (a: A) => reject(check(a)) },
      );
    },
  };
}

/**
 * Creates dispositions (refusals reach the caller) and starts their workflows as children, in the
 * current cancellation scope: cancelling it (the letter closed) cancels them, and they their own.
 * Returns the new ids once every child runs, so the caller can act on them at once.
 */
export async function startDispositions(
  input: { incomingId: number; opdId: number; parentId: number | null; reminderBeforeHours: number },
  a: DisposeArgs,
  key: string,
  onEnd: (dispositionId: number, status: DispositionStatus) => void,
): Promise<number[]> {
  const { ids } = await unwrapRefusal(
    interactive.createDispositions({
      incomingId: input.incomingId,
      parentId: input.parentId,
      fromUserId: a.actorId,
      ...(a.onBehalfOf !== undefined ? { onBehalfOf: a.onBehalfOf } : {}),
      toUserIds: a.toUserIds,
      instruction: a.instruction,
      ...(a.note ? { note: a.note } : {}),
      dueAt: a.dueAt,
      key,
    }),
  );
  for (const [i, dispositionId] of ids.entries()) {
    const child = await startChild(disposition, {
      workflowId: dispositionWorkflowId(dispositionId),
      args: [
        {
          dispositionId,
          incomingId: input.incomingId,
          opdId: input.opdId,
          parentId: input.parentId,
          fromUserId: a.actorId,
          toUserId: a.toUserIds[i],
          dueAt: a.dueAt,
          reminderBeforeHours: input.reminderBeforeHours,
        },
      ],
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    // A child cancelled (the letter was closed) or ended by an operator rejects: it ended as 'closed'.
    child.result().then(
      (end) => onEnd(dispositionId, end.status),
      () => onEnd(dispositionId, 'closed'),
    );
  }
  return ids;
}

export async function disposition(input: DispositionInput): Promise<DispositionState> {
  const state: DispositionState = {
    dispositionId: input.dispositionId,
    incomingId: input.incomingId,
    status: 'unread',
    fromUserId: input.fromUserId,
    toUserId: input.toUserId,
    dueAt: input.dueAt,
    childIds: [],
    openChildIds: [],
  };
  const { dispositionId, incomingId, fromUserId, toUserId } = state;
  const outcomes = new Map<number, DispositionStatus>();
  let forwards = 0;

  const snapshot = (): DispositionState => ({
    ...state,
    childIds: [...state.childIds],
    openChildIds: [...state.openChildIds],
  });
  const lock = serialUpdates(snapshot);

  const notify = (userIds: number[], kind: IncomingNoticeKind) =>
    background.notifyIncoming({ incomingId, userIds, kind });

  async function moveTo(
    status: 'read' | 'forwarded' | 'done' | 'recalled',
    actorId: number | null,
    action: string,
    note?: string,
  ) {
    state.status = status;
    await background.recordDispositionStatus({
      dispositionId,
      actorId,
      status,
      action,
      ...(note ? { note } : {}),
    });
  }
  /** Acting on an unread disposition is reading it: the read receipt comes first. */
  const readFirst = async (a: ActorArgs) => {
    if (state.status === 'unread' && actsAs(a) === toUserId)
      await moveTo('read', a.actorId, 'disposition.read');
  };

  const tellLetter = (open: boolean) =>
    getExternalWorkflowHandle(incomingWorkflowId(incomingId))
      .signal(dispositionProgressSignal, { dispositionId, toUserId, open })
      .catch(() => undefined); // the letter already closed: nobody left to tell

  // ---- Validation: pure functions of (state, args), run by the validator and again under the lock. ----
  const finished = () => (isOpen(state.status) ? null : INCOMING_REFUSAL.dispositionFinished);
  const receiverOnly = (a: ActorArgs) => (actsAs(a) === toUserId ? null : INCOMING_REFUSAL.notReceiver);

  lock.set(readDispositionUpdate, receiverOnly, readFirst);

  lock.set(
    followUpUpdate,
    (a) =>
      receiverOnly(a) ??
      finished() ??
      (state.status === 'forwarded' ? INCOMING_REFUSAL.forwardedAlready : null) ??
      (a.report?.trim() ? null : INCOMING_REFUSAL.reportRequired),
    async (a) => {
      await readFirst(a);
      await unwrapRefusal(
        interactive.recordFollowUp({
          dispositionId,
          actorId: a.actorId,
          ...(a.onBehalfOf !== undefined ? { onBehalfOf: a.onBehalfOf } : {}),
          report: a.report.trim(),
          files: a.files ?? [],
        }),
      );
      state.status = 'done';
      await notify([fromUserId], 'followed_up');
    },
  );

  lock.set(
    forwardUpdate,
    (a) => receiverOnly(a) ?? finished() ?? checkReceivers(a),
    async (a) => {
      const key = `${workflowInfo().workflowId}/forward/${++forwards}`;
      const ids = await startDispositions(
        {
          incomingId,
          opdId: input.opdId,
          parentId: dispositionId,
          reminderBeforeHours: input.reminderBeforeHours,
        },
        a,
        key,
        childEnded,
      );
      state.childIds.push(...ids);
      state.openChildIds.push(...ids);
      await readFirst(a);
      if (state.status !== 'forwarded') await moveTo('forwarded', a.actorId, 'disposition.forward');
      await notify(a.toUserIds, 'disposition');
    },
  );

  lock.set(
    recallUpdate,
    (a) =>
      (actsAs(a) === fromUserId ? null : INCOMING_REFUSAL.notGiver) ??
      finished() ??
      (state.status === 'unread' ? null : INCOMING_REFUSAL.alreadyRead),
    async (a) => {
      await moveTo('recalled', a.actorId, 'disposition.recall');
      await notify([toUserId], 'recalled');
    },
  );

  lock.set(
    finishDispositionUpdate,
    (a) =>
      (actsAs(a) === toUserId || actsAs(a) === fromUserId ? null : INCOMING_REFUSAL.notReceiver) ??
      finished() ??
      (state.openChildIds.length ? INCOMING_REFUSAL.openForwards : null),
    async (a) => {
      await readFirst(a);
      await moveTo('done', a.actorId, 'disposition.finish', a.note);
      await notify([actsAs(a) === toUserId ? fromUserId : toUserId], 'followed_up');
    },
  );

  /** A forward ended: once none is open, the branch is done, or back with the receiver if all were recalled. */
  function childEnded(childId: number, status: DispositionStatus) {
    outcomes.set(childId, status);
    void lock.run(async () => {
      state.openChildIds = state.openChildIds.filter((id) => id !== childId);
      if (state.status !== 'forwarded' || state.openChildIds.length) return;
      if (state.childIds.some((id) => outcomes.get(id) === 'done')) {
        await moveTo('done', null, 'disposition.complete');
        await notify([fromUserId], 'followed_up');
      } else {
        await moveTo('read', null, 'disposition.reopen');
      }
    });
  }

  setHandler(dispositionStateQuery, snapshot);
  await tellLetter(true);

  // Deadlines: a reminder before the due time and an overdue notice at it, only while still open.
  // (The letter's closing cancels this workflow: the timers go with it, no activity runs after.)
  const ended = () => !isOpen(state.status);
  if (input.dueAt) {
    const due = Date.parse(input.dueAt);
    const remindAt = due - input.reminderBeforeHours * HOUR_MS;
    if (input.reminderBeforeHours > 0 && remindAt > Date.now()) {
      if (!(await condition(ended, remindAt - Date.now()))) await notify([toUserId], 'reminder');
    }
    if (!ended() && due > Date.now()) await condition(ended, due - Date.now());
    if (!ended()) await notify([toUserId, fromUserId], 'overdue');
  }
  await condition(ended);
  await lock.idle();
  await condition(allHandlersFinished);
  await tellLetter(false);
  return snapshot();
}

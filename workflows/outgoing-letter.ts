/**
 * The outgoing letter (surat keluar) lifecycle, one workflow per letter (`letter-<id>`): draft → verifying
 * (strictly in the chosen order) → numbering → signing → sending → sent, or withdrawn before signing.
 * Orchestration only: every side effect is an activity from LetterActivities.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
  type UpdateDefinition,
} from '@temporalio/common';
import { BACKGROUND, INTERACTIVE, LOCAL_BACKGROUND, LOCAL_INTERACTIVE, REFUSED } from './activity-options';
import {
  REFUSAL,
  type ActingFor,
  type AssignNumberArgs,
  type CurrentStep,
  type LetterActivities,
  type LetterState,
  type LetterStatus,
  type OutgoingLetterInput,
  type SaveDraftArgs,
  type SignArgs,
  type StepKind,
  type SubmitArgs,
  type VerifyArgs,
  type WithdrawArgs,
} from './outgoing-letter-types';
import { incomingWorkflowId, type IncomingLetterInput } from './incoming-letter-types';
import { dueAfter } from './working-time';
// Type only: incoming-letter.ts imports this file's refusal helpers, so it is started by its type name.
import type { incomingLetter } from './incoming-letter';

export const saveDraftUpdate = defineUpdate<LetterState, [SaveDraftArgs]>('saveDraft');
export const submitUpdate = defineUpdate<LetterState, [SubmitArgs]>('submit');
export const verifyUpdate = defineUpdate<LetterState, [VerifyArgs]>('verify');
export const assignNumberUpdate = defineUpdate<LetterState, [AssignNumberArgs]>('assignNumber');
export const signUpdate = defineUpdate<LetterState, [SignArgs]>('sign');
export const withdrawUpdate = defineUpdate<LetterState, [WithdrawArgs]>('withdraw');
export const stateQuery = defineQuery<LetterState>('state');

export { REFUSED };

const EofficeStatus = defineSearchAttributeKey('EofficeStatus', SearchAttributeType.KEYWORD);
const EofficeLetterNumber = defineSearchAttributeKey('EofficeLetterNumber', SearchAttributeType.KEYWORD);

const interactive = proxyActivities<LetterActivities>(INTERACTIVE);
// Signing renders the final PDF first, which can take a while on modest hardware.
const signing = proxyActivities<LetterActivities>({ ...INTERACTIVE, startToCloseTimeout: '2m' });
const background = proxyActivities<LetterActivities>(BACKGROUND);
// Letters recorded before their bookkeeping became local activities (eleven fewer server round trips
// per letter) replay their scheduled ones.
const localBackground = proxyLocalActivities<LetterActivities>(LOCAL_BACKGROUND);
const bookkeeping = () => (patched('local-bookkeeping') ? localBackground : background);
// The submission check and the number register are short and idempotent: local too (two workflow
// tasks and two activity tasks fewer per letter); letters that ran them through the server replay so.
const localInteractive = proxyLocalActivities<LetterActivities>(LOCAL_INTERACTIVE);
const checks = () => (patched('local-checks') ? localInteractive : interactive);

const HOUR_MS = 3_600_000;
const WITHDRAWABLE: LetterStatus[] = ['draft', 'verifying', 'numbering', 'signing'];

export const refuse = (message: string) =>
  ApplicationFailure.create({ message, type: REFUSED, nonRetryable: true });

const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

// ---- Validation: pure functions of (state, args), run by the validator and again under the lock. ----

function checkDraftAction(s: LetterState, a: { actorId: number; baseVersionNo: number }): string | null {
  if (a.actorId !== s.drafterId) return REFUSAL.notDrafter;
  if (s.status !== 'draft') return REFUSAL.notEditable;
  if (a.baseVersionNo !== s.versionNo) return REFUSAL.staleVersion;
  return null;
}

function checkSubmit(s: LetterState, a: SubmitArgs): string | null {
  const base = checkDraftAction(s, a);
  if (base) return base;
  if (s.verifierIds.length > 0) {
    // Resubmission after a return: the order was fixed at the first submission.
    if (a.verifierIds !== undefined && !sameList(a.verifierIds, s.verifierIds))
      return REFUSAL.changedVerifiers;
    if (a.signerId !== undefined && a.signerId !== s.signerId) return REFUSAL.changedVerifiers;
    return null;
  }
  const ids = a.verifierIds ?? [];
  if (ids.length === 0) return REFUSAL.noVerifiers;
  if (new Set(ids).size !== ids.length) return REFUSAL.duplicateVerifier;
  if (ids.includes(s.drafterId)) return REFUSAL.drafterAsVerifier;
  if (a.signerId === undefined || a.signerId === null) return REFUSAL.noSigner;
  return null;
}

/** The official whose step the actor does: their own, or the principal of a Plt / Plh. */
const actsAs = (a: { actorId: number; actingFor?: ActingFor }) => a.actingFor?.principalId ?? a.actorId;

function checkVerify(s: LetterState, a: VerifyArgs): string | null {
  if (s.status !== 'verifying' || s.currentStep?.kind !== 'verify') return REFUSAL.notVerifying;
  if (actsAs(a) !== s.currentStep.assigneeId) return REFUSAL.notYourTurn;
  if (a.baseVersionNo !== s.versionNo) return REFUSAL.staleVersion;
  if (a.decision === 'return' && !a.note?.trim()) return REFUSAL.noteRequired;
  return null;
}

function checkAssignNumber(s: LetterState, a: AssignNumberArgs): string | null {
  if (s.status !== 'numbering') return REFUSAL.notNumbering;
  if (!a.actorIsAdmin || a.actorOpdId !== s.opdId) return REFUSAL.notAdminOfOpd;
  if (!a.number?.trim()) return REFUSAL.emptyNumber;
  return null;
}

function checkSign(s: LetterState, a: SignArgs): string | null {
  if (s.status !== 'signing') return REFUSAL.notSigning;
  if (actsAs(a) !== s.signerId) return REFUSAL.notSigner;
  return null;
}

function checkWithdraw(s: LetterState, a: WithdrawArgs): string | null {
  if (a.actorId !== s.drafterId) return REFUSAL.notDrafter;
  if (!WITHDRAWABLE.includes(s.status)) return REFUSAL.notWithdrawable;
  return null;
}

/** Activity refusals (type 'refused') reach the update caller as the plain ApplicationFailure. */
export async function unwrapRefusal<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (
      err instanceof ActivityFailure &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === REFUSED
    ) {
      throw refuse(err.cause.message);
    }
    throw err;
  }
}

/**
 * Each recipient OPD's incoming letter lives on by itself (ABANDON). A retry of the delivery finds it
 * already started: that is the work done, not an error. (No list: delivered by a worker of before.)
 */
async function startIncomingLetters(incoming: IncomingLetterInput[] = []): Promise<void> {
  const start = async (input: IncomingLetterInput) => {
    try {
      await startChild<typeof incomingLetter>('incomingLetter', {
        workflowId: incomingWorkflowId(input.incomingId),
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };
  // All at once: one workflow task instead of one per recipient. Letters that started them one by
  // one replay so.
  if (patched('start-incoming-together')) {
    await Promise.all(incoming.map(start));
    return;
  }
  for (const input of incoming) await start(input);
}

export async function outgoingLetter(input: OutgoingLetterInput): Promise<LetterState> {
  const state: LetterState = {
    letterId: input.letterId,
    status: 'draft',
    drafterId: input.drafterId,
    opdId: input.opdId,
    versionNo: input.versionNo,
    verifierIds: [],
    signerId: null,
    resumeAt: 0,
    currentStep: null,
    number: null,
    date: null,
    documentCode: null,
  };
  const { letterId } = state;
  // Bumped on every step change: deadline timers belong to one step occurrence and stop when it moves.
  let stepSeq = 0;

  const snapshot = (): LetterState => ({ ...state, verifierIds: [...state.verifierIds] });

  function moveTo(
    status: LetterStatus,
    step: { kind: StepKind; index: number; assigneeId: number | null } | null,
  ) {
    const now = Date.now(); // workflow time: the sandbox makes Date deterministic
    state.status = status;
    state.currentStep = step && {
      ...step,
      startedAt: new Date(now).toISOString(),
      dueAt: new Date(dueAfter(now, input.deadlines.stepHours, input.deadlines.calendar)).toISOString(),
    };
    stepSeq++;
    upsertSearchAttributes([{ key: EofficeStatus, value: status }]);
  }

  const record = (actorId: number, action: string, note?: string) =>
    bookkeeping().recordProgress({ letterId, actorId, action, state: snapshot(), ...(note ? { note } : {}) });

  /** Who acts on a step: its assignee, or the bagian umum of the drafter's OPD for numbering. */
  const assigneeTarget = (step: CurrentStep) =>
    step.assigneeId === null ? { userIds: [], opdAdminsOf: state.opdId } : { userIds: [step.assigneeId] };

  const notifyTask = (step: CurrentStep, title: string) =>
    bookkeeping().notify({ letterId, ...assigneeTarget(step), kind: 'task', title });

  // Update handlers await activities; a promise-chain lock runs them one at a time, and each re-checks
  // its validation once it holds the lock (another update may have moved the letter meanwhile).
  let tail: Promise<unknown> = Promise.resolve();
  function guarded<A>(check: (s: LetterState, a: A) => string | null, body: (a: A) => Promise<void>) {
    return {
      validator: (a: A) => {
        const refusal = check(state, a);
        if (refusal) throw refuse(refusal);
      },
      handler: (a: A): Promise<LetterState> => {
        const run = tail.then(async () => {
          const refusal = check(state, a);
          if (refusal) throw refuse(refusal);
          await body(a);
          return snapshot();
        });
        tail = run.catch(() => undefined);
        return run;
      },
    };
  }

  const setUpdate = <A>(def: UpdateDefinition<LetterState, [A]>, g: ReturnType<typeof guarded<A>>) =>
    setHandler(def, g.handler, { validator: g.validator });

  setHandler(stateQuery, snapshot);

  setUpdate(
    saveDraftUpdate,
    guarded<SaveDraftArgs>(checkDraftAction, async (a) => {
      const saved = await unwrapRefusal(
        interactive.saveLetterVersion({
          letterId,
          authorId: a.actorId,
          baseVersionNo: a.baseVersionNo,
          content: a.content,
        }),
      );
      state.versionNo = saved.versionNo;
    }),
  );

  setUpdate(
    submitUpdate,
    guarded(checkSubmit, async (a) => {
      const verifierIds = state.verifierIds.length > 0 ? state.verifierIds : [...(a.verifierIds ?? [])];
      const signerId = state.signerId ?? (a.signerId as number);
      await unwrapRefusal(
        checks().checkSubmission({ letterId, drafterId: state.drafterId, verifierIds, signerId }),
      );
      state.verifierIds = verifierIds;
      state.signerId = signerId;
      moveTo('verifying', { kind: 'verify', index: state.resumeAt, assigneeId: verifierIds[state.resumeAt] });
      await record(a.actorId, 'letter.submit');
      await notifyTask(state.currentStep!, 'Surat menunggu verifikasi Anda');
    }),
  );

  setUpdate(
    verifyUpdate,
    guarded(checkVerify, async (a) => {
      const index = state.currentStep!.index;
      if (a.decision === 'return') {
        state.resumeAt = index; // resubmission resumes with the verifier who returned it
        moveTo('draft', null);
        await record(a.actorId, 'letter.return', a.note);
        await bookkeeping().notify({
          letterId,
          userIds: [state.drafterId],
          kind: 'returned',
          title: 'Surat dikembalikan untuk diperbaiki',
        });
        return;
      }
      if (a.content) {
        // Approve with edits: the verifier's own version first, so the approval records that version.
        const saved = await unwrapRefusal(
          interactive.saveLetterVersion({
            letterId,
            authorId: a.actorId,
            baseVersionNo: a.baseVersionNo,
            content: a.content,
          }),
        );
        state.versionNo = saved.versionNo;
      }
      const next = index + 1;
      if (next < state.verifierIds.length) {
        moveTo('verifying', { kind: 'verify', index: next, assigneeId: state.verifierIds[next] });
      } else {
        moveTo('numbering', { kind: 'number', index: 0, assigneeId: null });
      }
      await record(a.actorId, 'letter.approve', a.note);
      await notifyTask(
        state.currentStep!,
        state.status === 'numbering' ? 'Surat menunggu penomoran' : 'Surat menunggu verifikasi Anda',
      );
    }),
  );

  setUpdate(
    assignNumberUpdate,
    guarded(checkAssignNumber, async (a) => {
      const number = a.number.trim();
      await unwrapRefusal(checks().registerNumber({ letterId, actorId: a.actorId, number, date: a.date }));
      state.number = number;
      state.date = a.date;
      moveTo('signing', { kind: 'sign', index: 0, assigneeId: state.signerId });
      upsertSearchAttributes([{ key: EofficeLetterNumber, value: number }]);
      await record(a.actorId, 'letter.number');
      await notifyTask(state.currentStep!, 'Surat menunggu tanda tangan Anda');
    }),
  );

  setUpdate(
    signUpdate,
    guarded(checkSign, async (a) => {
      // Only the grant id travels: the activity redeems it for the passphrase outside workflow history.
      const signed = await unwrapRefusal(
        signing.signLetter({
          letterId,
          signerId: a.actorId,
          grantId: a.grantId,
          ...(a.actingFor ? { actingFor: a.actingFor } : {}),
        }),
      );
      state.documentCode = signed.documentCode;
      moveTo('sending', null);
      await record(a.actorId, 'letter.sign');
    }),
  );

  setUpdate(
    withdrawUpdate,
    guarded(checkWithdraw, async (a) => {
      const step = state.currentStep;
      moveTo('withdrawn', null);
      await record(a.actorId, 'letter.withdraw', a.reason);
      if (step) {
        await bookkeeping().notify({
          letterId,
          ...assigneeTarget(step),
          kind: 'withdrawn',
          title: 'Surat ditarik oleh pembuat',
        });
      }
    }),
  );

  upsertSearchAttributes([{ key: EofficeStatus, value: state.status }]);

  /** Reminder before and overdue notice at the due time of one step occurrence; stops once it moves. */
  async function watchDeadlines(step: CurrentStep, moved: () => boolean): Promise<void> {
    const due = Date.parse(step.dueAt);
    const remindAt = due - input.deadlines.reminderBeforeHours * HOUR_MS;
    if (input.deadlines.reminderBeforeHours > 0 && remindAt > Date.now()) {
      // condition() cancels its timer when the step moves first.
      if (await condition(moved, remindAt - Date.now())) return;
      await bookkeeping().notify({
        letterId,
        ...assigneeTarget(step),
        kind: 'reminder',
        title: 'Pengingat: tenggat surat mendekat',
      });
    }
    if (moved()) return;
    if (due > Date.now() && (await condition(moved, due - Date.now()))) return;
    if (moved()) return;
    await bookkeeping().notify({
      letterId,
      ...assigneeTarget(step),
      alsoSuperiors: true,
      kind: 'overdue',
      title: 'Surat melewati tenggat',
    });
  }

  const finished = () => state.status === 'sending' || state.status === 'withdrawn';
  while (!finished()) {
    const seq = stepSeq;
    const moved = () => stepSeq !== seq;
    if (state.currentStep) await watchDeadlines(state.currentStep, moved);
    await condition(moved);
  }

  if (state.status === 'sending') {
    // Let the sign update finish recording 'letter.sign' first, so the audit trail stays in order.
    await condition(allHandlersFinished);
    const { incoming } = await background.deliverLetter({ letterId });
    // Letters delivered before incoming workflows existed replay without starting any.
    if (patched('start-incoming-workflows')) await startIncomingLetters(incoming);
    moveTo('sent', null);
    await record(state.signerId!, 'letter.send');
    await bookkeeping().notify({
      letterId,
      userIds: [state.drafterId],
      kind: 'sent',
      title: 'Surat telah terkirim',
    });
  }
  await condition(allHandlersFinished);
  return snapshot();
}

/**
 * The incoming letter (surat masuk) of one OPD, one workflow each (`incoming-<id>`): received →
 * registered by the bagian umum (agenda number) → in progress while its dispositions (child workflows)
 * run → closed when every branch finished, or by the head of the OPD. Orchestration only.
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  INCOMING_REFUSAL,
  type CloseIncomingArgs,
  type DisposeFromLetterArgs,
  type DispositionStatus,
  type IncomingLetterInput,
  type IncomingState,
  type RegisterIncomingArgs,
} from './incoming-letter-types';
import {
  background,
  checkReceivers,
  dispositionProgressSignal,
  interactive,
  serialUpdates,
  startDispositions,
} from './disposition';
import { unwrapRefusal } from './outgoing-letter';

export const registerIncomingUpdate = defineUpdate<IncomingState, [RegisterIncomingArgs]>('register');
export const disposeUpdate = defineUpdate<IncomingState, [DisposeFromLetterArgs]>('dispose');
export const closeIncomingUpdate = defineUpdate<IncomingState, [CloseIncomingArgs]>('close');
export const incomingStateQuery = defineQuery<IncomingState>('state');

export async function incomingLetter(input: IncomingLetterInput): Promise<IncomingState> {
  const state: IncomingState = {
    incomingId: input.incomingId,
    opdId: input.opdId,
    status: 'received',
    agendaNumber: null,
    rootDispositionIds: [],
    openRootIds: [],
  };
  const { incomingId, opdId } = state;
  const outcomes = new Map<number, DispositionStatus>();
  /** Receivers of every open disposition in the tree, by disposition id (told by the dispositions). */
  const openReceivers = new Map<number, number>();
  let disposals = 0;

  const snapshot = (): IncomingState => ({
    ...state,
    rootDispositionIds: [...state.rootDispositionIds],
    openRootIds: [...state.openRootIds],
  });
  const lock = serialUpdates(snapshot);
  // The root dispositions run in this scope: the head's closing cancels them, and down the tree.
  const branches = new CancellationScope();

  setHandler(dispositionProgressSignal, ({ dispositionId, toUserId, open }) => {
    if (open) openReceivers.set(dispositionId, toUserId);
    else openReceivers.delete(dispositionId);
  });

  // ---- Validation: pure functions of (state, args), run by the validator and again under the lock. ----
  const adminOnly = (a: { actorIsAdmin: boolean; actorOpdId: number | null }) =>
    a.actorIsAdmin && a.actorOpdId === opdId ? null : INCOMING_REFUSAL.notAdminOfOpd;
  const notClosed = () => (state.status === 'closed' ? INCOMING_REFUSAL.closed : null);

  lock.set(
    registerIncomingUpdate,
    (a) =>
      adminOnly(a) ??
      notClosed() ??
      (state.status === 'received' ? null : INCOMING_REFUSAL.alreadyRegistered),
    async (a) => {
      const { agendaNumber } = await unwrapRefusal(
        interactive.registerIncoming({
          incomingId,
          actorId: a.actorId,
          ...(a.receivedAt ? { receivedAt: a.receivedAt } : {}),
        }),
      );
      state.agendaNumber = agendaNumber;
      state.status = 'registered';
    },
  );

  lock.set(
    disposeUpdate,
    (a) =>
      adminOnly(a) ??
      notClosed() ??
      (state.status === 'received' ? INCOMING_REFUSAL.notRegistered : null) ??
      checkReceivers(a),
    async (a) => {
      const key = `${workflowInfo().workflowId}/dispose/${++disposals}`;
      const ids = await branches.run(() =>
        startDispositions(
          { incomingId, opdId, parentId: null, reminderBeforeHours: input.reminderBeforeHours },
          a,
          key,
          rootEnded,
        ),
      );
      state.rootDispositionIds.push(...ids);
      state.openRootIds.push(...ids);
      if (state.status !== 'in_progress') {
        state.status = 'in_progress';
        await background.recordIncomingStatus({ incomingId, actorId: a.actorId, status: 'in_progress' });
      }
      await background.notifyIncoming({ incomingId, userIds: a.toUserIds, kind: 'disposition' });
    },
  );

  lock.set(
    closeIncomingUpdate,
    (a) => (a.actorIsHead ? null : INCOMING_REFUSAL.notHead) ?? notClosed(),
    async (a) => {
      state.status = 'closed';
      await background.closeIncoming({ incomingId, actorId: a.actorId, ...(a.note ? { note: a.note } : {}) });
      const receivers = [...new Set(openReceivers.values())].filter((id) => id !== a.actorId);
      await background.notifyIncoming({
        incomingId,
        userIds: receivers,
        alsoOpdAdmins: true,
        kind: 'closed',
      });
      branches.cancel();
    },
  );

  /** A root branch ended: once none is open, the letter closes, or waits for a new disposition if all were recalled. */
  function rootEnded(dispositionId: number, status: DispositionStatus) {
    outcomes.set(dispositionId, status);
    void lock.run(async () => {
      state.openRootIds = state.openRootIds.filter((id) => id !== dispositionId);
      if (state.status !== 'in_progress' || state.openRootIds.length) return;
      if (state.rootDispositionIds.some((id) => outcomes.get(id) === 'done')) {
        state.status = 'closed';
        await background.closeIncoming({ incomingId, actorId: null });
        await background.notifyIncoming({ incomingId, userIds: [], alsoOpdAdmins: true, kind: 'closed' });
      } else {
        state.status = 'registered';
        await background.recordIncomingStatus({ incomingId, actorId: null, status: 'registered' });
      }
    });
  }

  setHandler(incomingStateQuery, snapshot);

  await condition(() => state.status === 'closed');
  // Closed by the head: its branches are being cancelled; the letter ends once they have.
  await condition(() => state.openRootIds.length === 0);
  await lock.idle();
  await condition(allHandlersFinished);
  return snapshot();
}

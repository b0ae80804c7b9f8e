import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AppError } from '../../lib/errors';
import { runDispositionUpdate } from '../../lib/temporal/incoming-workflow-client';
import { closeIncomingUpdate, disposeUpdate, incomingStateQuery } from '../../workflows/incoming-letter';
import {
  dispositionStateQuery,
  followUpUpdate,
  forwardUpdate,
  readDispositionUpdate,
  recallUpdate,
} from '../../workflows/disposition';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import {
  ADMIN,
  KEPALA,
  SEKRETARIS,
  STAF1,
  STAF2,
  admin,
  disposeArgs,
  dispositionHandle,
  finalState,
  incomingInput,
  mockIncomingActivities,
  noticesOf,
  registerAndDispose,
  startIncoming,
  statusesOf,
} from './incoming-support';
import { callsOf, eventually, recordHistory, refusal, startTimeSkipping, withWorker } from './support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

const statusOf = async (id: number) => (await dispositionHandle(env, id).describe()).status.name;

test('recall: only by the giver, only while unread; a letter whose only branch was recalled goes back to registered', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(20));
    const [first] = (await registerAndDispose(h)).rootDispositionIds;
    const d1 = dispositionHandle(env, first);
    const recall = (actorId: number, d = d1) => d.executeUpdate(recallUpdate, { args: [{ actorId }] });

    expect(await refusal(recall(SEKRETARIS))).toBe(INCOMING_REFUSAL.notGiver);
    expect(await refusal(recall(KEPALA))).toBe(INCOMING_REFUSAL.notGiver);
    expect(await recall(ADMIN)).toMatchObject({ status: 'recalled' });
    expect(await finalState(d1, dispositionStateQuery)).toMatchObject({ status: 'recalled' });
    await eventually(async () =>
      expect(await h.query(incomingStateQuery)).toMatchObject({ status: 'registered', openRootIds: [] }),
    );
    // Ended: the API answers 409 with the reason, not an internal error.
    await expect(runDispositionUpdate(env.client, first, recallUpdate, { actorId: ADMIN })).rejects.toEqual(
      new AppError(409, 'refused', INCOMING_REFUSAL.dispositionFinished),
    );

    // Disposed again: once read it cannot be recalled; a forward to the head can, while unread.
    const again = await h.executeUpdate(disposeUpdate, {
      args: [{ ...admin, ...disposeArgs(ADMIN, [SEKRETARIS]) }],
    });
    expect(again).toMatchObject({ status: 'in_progress', openRootIds: [again.rootDispositionIds[1]] });
    const d2 = dispositionHandle(env, again.rootDispositionIds[1]);
    await d2.executeUpdate(readDispositionUpdate, { args: [{ actorId: SEKRETARIS }] });
    expect(await refusal(recall(ADMIN, d2))).toBe(INCOMING_REFUSAL.alreadyRead);
    const [toKepala] = (await d2.executeUpdate(forwardUpdate, { args: [disposeArgs(SEKRETARIS, [KEPALA])] }))
      .childIds;
    expect(await refusal(recall(ADMIN, d2))).toBe(INCOMING_REFUSAL.alreadyRead); // forwarded
    const d3 = dispositionHandle(env, toKepala);
    expect(await refusal(recall(ADMIN, d3))).toBe(INCOMING_REFUSAL.notGiver); // not the giver of the forward
    await recall(SEKRETARIS, d3);
    // Every forward recalled: back with the secretary, who can now report it.
    await eventually(async () =>
      expect(await d2.query(dispositionStateQuery)).toMatchObject({ status: 'read', openChildIds: [] }),
    );
    await d2.executeUpdate(followUpUpdate, {
      args: [{ actorId: SEKRETARIS, report: 'Diselesaikan sendiri.', files: [] }],
    });
    expect(await finalState(h, incomingStateQuery)).toMatchObject({ status: 'closed', openRootIds: [] });
    await recordHistory(h, 'incoming-recall');
    await recordHistory(d2, 'disposition-recall-reopen');

    expect(statusesOf(acts)).toEqual([
      [first, 'recalled', 'disposition.recall', ADMIN],
      [again.rootDispositionIds[1], 'read', 'disposition.read', SEKRETARIS],
      [again.rootDispositionIds[1], 'forwarded', 'disposition.forward', SEKRETARIS],
      [toKepala, 'recalled', 'disposition.recall', SEKRETARIS],
      [again.rootDispositionIds[1], 'read', 'disposition.reopen', null],
    ]);
    expect(callsOf(acts.recordIncomingStatus).map((s) => [s.status, s.actorId])).toEqual([
      ['in_progress', ADMIN],
      ['registered', null],
      ['in_progress', ADMIN],
    ]);
    expect(noticesOf(acts, 'recalled')).toEqual([
      ['recalled', [SEKRETARIS]],
      ['recalled', [KEPALA]],
    ]);
    expect(callsOf(acts.closeIncoming)).toEqual([{ incomingId: 20, actorId: null }]);
  });
});

test('head close: refused for anyone else; closes with open branches, cancelling them down the tree', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(21));
    const [toSekretaris] = (await registerAndDispose(h)).rootDispositionIds;
    const d1 = dispositionHandle(env, toSekretaris);
    const [toKepala] = (await d1.executeUpdate(forwardUpdate, { args: [disposeArgs(SEKRETARIS, [KEPALA])] }))
      .childIds;
    const d2 = dispositionHandle(env, toKepala);
    const [toStaf1, toStaf2] = (
      await d2.executeUpdate(forwardUpdate, { args: [disposeArgs(KEPALA, [STAF1, STAF2])] })
    ).childIds;
    await dispositionHandle(env, toStaf1).executeUpdate(followUpUpdate, {
      args: [{ actorId: STAF1, report: 'Selesai.', files: [] }],
    });
    await eventually(async () => expect(await statusOf(toStaf1)).toBe('COMPLETED'));

    const close = (actorId: number, actorIsHead: boolean) =>
      h.executeUpdate(closeIncomingUpdate, {
        args: [{ actorId, actorIsHead, note: 'Sudah dibahas dalam rapat' }],
      });
    const before = await h.query(incomingStateQuery);
    expect(await refusal(close(SEKRETARIS, false))).toBe(INCOMING_REFUSAL.notHead);
    expect(await refusal(close(KEPALA, false))).toBe(INCOMING_REFUSAL.notHead);
    expect(await h.query(incomingStateQuery)).toEqual(before);
    expect(acts.closeIncoming).not.toHaveBeenCalled();

    expect(await close(KEPALA, true)).toMatchObject({ status: 'closed' });
    expect(await finalState(h, incomingStateQuery)).toMatchObject({ status: 'closed' });
    expect(callsOf(acts.closeIncoming)).toEqual([
      { incomingId: 21, actorId: KEPALA, note: 'Sudah dibahas dalam rapat' },
    ]);
    // Everyone with an open disposition anywhere in the tree (not the head who closed it), and the admins.
    expect(noticesOf(acts, 'closed')).toEqual([['closed', [SEKRETARIS, STAF2], 'admins']]);

    // The open dispositions' workflows end, cancelled, down to the staff's; the finished one stays completed.
    for (const id of [toSekretaris, toKepala, toStaf2])
      await eventually(async () => expect(await statusOf(id)).toBe('CANCELLED'), 10_000);
    expect(await statusOf(toStaf1)).toBe('COMPLETED');
    const recorded = acts.recordDispositionStatus.mock.calls.length;
    await expect(
      dispositionHandle(env, toStaf2).executeUpdate(readDispositionUpdate, { args: [{ actorId: STAF2 }] }),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(
      runDispositionUpdate(env.client, toStaf2, followUpUpdate, { actorId: STAF2, report: 'x', files: [] }),
    ).rejects.toEqual(new AppError(409, 'refused', INCOMING_REFUSAL.dispositionFinished));
    expect(acts.recordDispositionStatus.mock.calls.length).toBe(recorded);
    expect(callsOf(acts.recordDispositionStatus).some((r) => r.dispositionId === toStaf2)).toBe(false);
    await recordHistory(h, 'incoming-head-close');
    await recordHistory(dispositionHandle(env, toKepala), 'disposition-cancelled');
  });
});

test('the head may close a letter not registered yet; nobody but the bagian umum hears of it', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(22));
    await h.executeUpdate(closeIncomingUpdate, { args: [{ actorId: KEPALA, actorIsHead: true }] });
    expect(await finalState(h, incomingStateQuery)).toMatchObject({ status: 'closed', agendaNumber: null });
    expect(callsOf(acts.closeIncoming)).toEqual([{ incomingId: 22, actorId: KEPALA }]);
    expect(noticesOf(acts)).toEqual([['closed', [], 'admins']]);
  });
});

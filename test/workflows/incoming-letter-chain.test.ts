import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { disposeUpdate, incomingStateQuery, registerIncomingUpdate } from '../../workflows/incoming-letter';
import {
  dispositionStateQuery,
  followUpUpdate,
  forwardUpdate,
  readDispositionUpdate,
} from '../../workflows/disposition';
import {
  ADMIN,
  KABID,
  KEPALA,
  OPD,
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
  startIncoming,
  statusesOf,
} from './incoming-support';
import { HOUR, callsOf, eventually, recordHistory, startTimeSkipping, withWorker } from './support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

test('the whole chain: bagian umum → sekretaris → kepala → two staff, one forwarding further; the letter closes by itself', async () => {
  const acts = mockIncomingActivities();
  const dueAt = new Date(Date.now() + 72 * HOUR).toISOString();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(1));
    expect(await h.query(incomingStateQuery)).toMatchObject({ status: 'received', agendaNumber: null });

    const registered = await h.executeUpdate(registerIncomingUpdate, {
      args: [{ ...admin, receivedAt: '2026-11-27T08:00:00.000Z' }],
    });
    expect(registered).toMatchObject({ status: 'registered', agendaNumber: '0001/2026' });

    const disposed = await h.executeUpdate(disposeUpdate, {
      args: [{ ...admin, ...disposeArgs(ADMIN, [SEKRETARIS], { note: 'Mohon arahan' }) }],
    });
    expect(disposed.status).toBe('in_progress');
    const [toSekretaris] = disposed.rootDispositionIds;
    expect(disposed.openRootIds).toEqual([toSekretaris]);

    // The update answered after the child started: its receiver can act on it at once.
    const d1 = dispositionHandle(env, toSekretaris);
    expect(await d1.query(dispositionStateQuery)).toMatchObject({
      status: 'unread',
      fromUserId: ADMIN,
      toUserId: SEKRETARIS,
      incomingId: 1,
    });
    const toKepala = (await d1.executeUpdate(forwardUpdate, { args: [disposeArgs(SEKRETARIS, [KEPALA])] }))
      .childIds[0];

    const d2 = dispositionHandle(env, toKepala);
    const headForward = await d2.executeUpdate(forwardUpdate, {
      args: [
        disposeArgs(KEPALA, [KABID, STAF1], {
          instruction: 'Siapkan jawaban',
          note: 'Koordinasikan dengan bidang terkait',
          dueAt,
        }),
      ],
    });
    expect(headForward).toMatchObject({ status: 'forwarded' });
    const [toKabid, toStaf1] = headForward.childIds;
    expect(headForward.openChildIds).toEqual([toKabid, toStaf1]);

    const d4 = dispositionHandle(env, toStaf1);
    expect(await d4.query(dispositionStateQuery)).toMatchObject({
      status: 'unread',
      dueAt,
      fromUserId: KEPALA,
    });
    expect(await d4.executeUpdate(readDispositionUpdate, { args: [{ actorId: STAF1 }] })).toMatchObject({
      status: 'read',
    });
    // A second read receipt changes nothing.
    expect(await d4.executeUpdate(readDispositionUpdate, { args: [{ actorId: STAF1 }] })).toMatchObject({
      status: 'read',
    });
    const files = [{ fileId: 5, name: 'laporan.pdf' }];
    expect(
      await d4.executeUpdate(followUpUpdate, {
        args: [{ actorId: STAF1, report: '  Data sudah dikirim.  ', files }],
      }),
    ).toMatchObject({ status: 'done' });
    expect(await finalState(d4, dispositionStateQuery)).toMatchObject({ status: 'done' });
    await eventually(async () =>
      expect((await d2.query(dispositionStateQuery)).openChildIds).toEqual([toKabid]),
    );

    const d3 = dispositionHandle(env, toKabid);
    const toStaf2 = (await d3.executeUpdate(forwardUpdate, { args: [disposeArgs(KABID, [STAF2])] }))
      .childIds[0];
    const d5 = dispositionHandle(env, toStaf2);
    await d5.executeUpdate(followUpUpdate, {
      args: [{ actorId: STAF2, report: 'Jawaban disiapkan.', files: [] }],
    });

    // Every branch is done: up the tree, and the letter closes by itself.
    expect(await finalState(h, incomingStateQuery)).toMatchObject({
      status: 'closed',
      agendaNumber: '0001/2026',
      rootDispositionIds: [toSekretaris],
      openRootIds: [],
    });
    for (const d of [d1, d2, d3])
      expect(await finalState(d, dispositionStateQuery)).toMatchObject({ status: 'done', openChildIds: [] });

    await recordHistory(h, 'incoming-chain');
    await recordHistory(d3, 'disposition-forwarded');
    await recordHistory(d5, 'disposition-follow-up');

    expect(callsOf(acts.registerIncoming)).toEqual([
      { incomingId: 1, actorId: ADMIN, receivedAt: '2026-11-27T08:00:00.000Z' },
    ]);
    expect(callsOf(acts.createDispositions)).toEqual([
      {
        incomingId: 1,
        parentId: null,
        fromUserId: ADMIN,
        toUserIds: [SEKRETARIS],
        instruction: 'Untuk ditindaklanjuti',
        note: 'Mohon arahan',
        dueAt: null,
        key: 'incoming-1/dispose/1',
      },
      expect.objectContaining({ parentId: toSekretaris, fromUserId: SEKRETARIS, toUserIds: [KEPALA] }),
      {
        incomingId: 1,
        parentId: toKepala,
        fromUserId: KEPALA,
        toUserIds: [KABID, STAF1],
        instruction: 'Siapkan jawaban',
        note: 'Koordinasikan dengan bidang terkait',
        dueAt,
        key: `disposition-${toKepala}/forward/1`,
      },
      expect.objectContaining({ parentId: toKabid, fromUserId: KABID, toUserIds: [STAF2] }),
    ]);
    expect(callsOf(acts.recordIncomingStatus)).toEqual([
      { incomingId: 1, actorId: ADMIN, status: 'in_progress' },
    ]);
    expect(statusesOf(acts)).toEqual([
      [toSekretaris, 'read', 'disposition.read', SEKRETARIS], // forwarding an unread one reads it first
      [toSekretaris, 'forwarded', 'disposition.forward', SEKRETARIS],
      [toKepala, 'read', 'disposition.read', KEPALA],
      [toKepala, 'forwarded', 'disposition.forward', KEPALA],
      [toStaf1, 'read', 'disposition.read', STAF1],
      [toKabid, 'read', 'disposition.read', KABID],
      [toKabid, 'forwarded', 'disposition.forward', KABID],
      [toStaf2, 'read', 'disposition.read', STAF2], // a follow-up on an unread one reads it first
      [toKabid, 'done', 'disposition.complete', null],
      [toKepala, 'done', 'disposition.complete', null],
      [toSekretaris, 'done', 'disposition.complete', null],
    ]);
    expect(callsOf(acts.recordFollowUp)).toEqual([
      { dispositionId: toStaf1, actorId: STAF1, report: 'Data sudah dikirim.', files },
      { dispositionId: toStaf2, actorId: STAF2, report: 'Jawaban disiapkan.', files: [] },
    ]);
    expect(callsOf(acts.closeIncoming)).toEqual([{ incomingId: 1, actorId: null }]);
    expect(noticesOf(acts)).toEqual([
      ['disposition', [SEKRETARIS]],
      ['disposition', [KEPALA]],
      ['disposition', [KABID, STAF1]],
      ['followed_up', [KEPALA]],
      ['disposition', [STAF2]],
      ['followed_up', [KABID]],
      ['followed_up', [KEPALA]],
      ['followed_up', [SEKRETARIS]],
      ['followed_up', [ADMIN]],
      ['closed', [], 'admins'],
    ]);
    expect(callsOf(acts.notifyIncoming).every((n) => n.incomingId === 1)).toBe(true);
    expect((await h.query(incomingStateQuery)).opdId).toBe(OPD); // a closed letter still answers
  });
});

import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AppError, NotFoundError } from '../../lib/errors';
import {
  queryDispositionState,
  queryIncomingState,
  runDispositionUpdate,
  runIncomingUpdate,
} from '../../lib/temporal/incoming-workflow-client';
import {
  closeIncomingUpdate,
  disposeUpdate,
  incomingStateQuery,
  registerIncomingUpdate,
} from '../../workflows/incoming-letter';
import {
  dispositionStateQuery,
  finishDispositionUpdate,
  followUpUpdate,
  forwardUpdate,
  readDispositionUpdate,
  recallUpdate,
} from '../../workflows/disposition';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import {
  ADMIN,
  KEPALA,
  OPD,
  OUTSIDER,
  SEKRETARIS,
  STAF1,
  admin,
  disposeArgs,
  dispositionHandle,
  incomingInput,
  mockIncomingActivities,
  noticesOf,
  startIncoming,
  statusesOf,
} from './incoming-support';
import { callsOf, eventually, recordHistory, refusal, startTimeSkipping, withWorker } from './support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

const refused = (message: string) =>
  ApplicationFailure.create({ message, type: 'refused', nonRetryable: true });

test('the letter: the wrong person or the wrong moment is refused with its reason, and nothing changes', async () => {
  const acts = mockIncomingActivities();
  acts.createDispositions.mockRejectedValueOnce(refused('Penerima disposisi bukan pegawai aktif OPD ini.'));
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(30));
    const register = (extra: object) =>
      h.executeUpdate(registerIncomingUpdate, { args: [{ ...admin, ...extra }] });
    const dispose = (extra: object, toUserIds = [SEKRETARIS]) =>
      h.executeUpdate(disposeUpdate, { args: [{ ...admin, ...disposeArgs(ADMIN, toUserIds), ...extra }] });

    const received = await h.query(incomingStateQuery);
    expect(await refusal(dispose({}))).toBe(INCOMING_REFUSAL.notRegistered);
    expect(await refusal(register({ actorIsAdmin: false }))).toBe(INCOMING_REFUSAL.notAdminOfOpd);
    expect(await refusal(register({ actorOpdId: OPD + 1 }))).toBe(INCOMING_REFUSAL.notAdminOfOpd);
    expect(await refusal(register({ actorOpdId: null }))).toBe(INCOMING_REFUSAL.notAdminOfOpd);
    expect(await h.query(incomingStateQuery)).toEqual(received);
    expect(acts.registerIncoming).not.toHaveBeenCalled();

    const registered = await register({});
    expect(await refusal(register({}))).toBe(INCOMING_REFUSAL.alreadyRegistered);
    expect(await refusal(dispose({ actorIsAdmin: false }))).toBe(INCOMING_REFUSAL.notAdminOfOpd);
    expect(await refusal(dispose({ actorOpdId: OPD + 1 }))).toBe(INCOMING_REFUSAL.notAdminOfOpd);
    expect(await refusal(dispose({}, []))).toBe(INCOMING_REFUSAL.noReceivers);
    expect(await refusal(dispose({}, [SEKRETARIS, KEPALA, SEKRETARIS]))).toBe(
      INCOMING_REFUSAL.duplicateReceiver,
    );
    expect(await refusal(dispose({}, [SEKRETARIS, ADMIN]))).toBe(INCOMING_REFUSAL.selfReceiver);
    expect(
      await refusal(h.executeUpdate(closeIncomingUpdate, { args: [{ actorId: ADMIN, actorIsHead: false }] })),
    ).toBe(INCOMING_REFUSAL.notHead);
    // The activity's own refusal (a receiver from elsewhere) reaches the caller the same way.
    expect(await refusal(dispose({}, [OUTSIDER]))).toBe('Penerima disposisi bukan pegawai aktif OPD ini.');
    expect(await h.query(incomingStateQuery)).toEqual(registered);
    expect(acts.createDispositions).toHaveBeenCalledTimes(1);
    expect(acts.recordIncomingStatus).not.toHaveBeenCalled();
    expect(acts.notifyIncoming).not.toHaveBeenCalled();

    // Through the API's client: a refusal is a 409 with the message; an unknown letter a 404.
    await expect(runIncomingUpdate(env.client, 30, registerIncomingUpdate, admin)).rejects.toEqual(
      new AppError(409, 'refused', INCOMING_REFUSAL.alreadyRegistered),
    );
    await expect(runIncomingUpdate(env.client, 31, registerIncomingUpdate, admin)).rejects.toEqual(
      new NotFoundError('Surat masuk tidak ditemukan.'),
    );
    await expect(queryIncomingState(env.client, 31)).rejects.toBeInstanceOf(NotFoundError);
    expect(await queryIncomingState(env.client, 30)).toEqual(registered);
    await recordHistory(h, 'incoming-refusals');
  });
});

test('a disposition: every update by the wrong person is refused, and nothing changes', async () => {
  const acts = mockIncomingActivities();
  acts.recordFollowUp.mockRejectedValueOnce(refused('Berkas lampiran tidak ditemukan.'));
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(32));
    await h.executeUpdate(registerIncomingUpdate, { args: [admin] });
    const [id] = (
      await h.executeUpdate(disposeUpdate, { args: [{ ...admin, ...disposeArgs(ADMIN, [SEKRETARIS]) }] })
    ).rootDispositionIds;
    const d = dispositionHandle(env, id);
    const report = (actorId: number, text = 'Laporan.') =>
      d.executeUpdate(followUpUpdate, { args: [{ actorId, report: text, files: [] }] });
    const forward = (actorId: number, toUserIds = [KEPALA]) =>
      d.executeUpdate(forwardUpdate, { args: [disposeArgs(actorId, toUserIds)] });
    const finish = (actorId: number) => d.executeUpdate(finishDispositionUpdate, { args: [{ actorId }] });

    const unread = await d.query(dispositionStateQuery);
    for (const actorId of [OUTSIDER, ADMIN, KEPALA]) {
      expect(await refusal(d.executeUpdate(readDispositionUpdate, { args: [{ actorId }] }))).toBe(
        INCOMING_REFUSAL.notReceiver,
      );
      expect(await refusal(report(actorId))).toBe(INCOMING_REFUSAL.notReceiver);
      expect(await refusal(forward(actorId, [STAF1]))).toBe(INCOMING_REFUSAL.notReceiver);
    }
    for (const actorId of [OUTSIDER, SEKRETARIS, KEPALA]) {
      expect(await refusal(d.executeUpdate(recallUpdate, { args: [{ actorId }] }))).toBe(
        INCOMING_REFUSAL.notGiver,
      );
    }
    expect(await refusal(finish(OUTSIDER))).toBe(INCOMING_REFUSAL.notReceiver);
    expect(await refusal(report(SEKRETARIS, '   '))).toBe(INCOMING_REFUSAL.reportRequired);
    expect(await refusal(forward(SEKRETARIS, []))).toBe(INCOMING_REFUSAL.noReceivers);
    expect(await refusal(forward(SEKRETARIS, [KEPALA, KEPALA]))).toBe(INCOMING_REFUSAL.duplicateReceiver);
    expect(await refusal(forward(SEKRETARIS, [SEKRETARIS]))).toBe(INCOMING_REFUSAL.selfReceiver);
    expect(await d.query(dispositionStateQuery)).toEqual(unread);
    expect(acts.recordDispositionStatus).not.toHaveBeenCalled();
    expect(acts.createDispositions).toHaveBeenCalledTimes(1); // the bagian umum's own

    // Through the API's client, with the disposition's reason; an unknown disposition is a 404.
    await expect(runDispositionUpdate(env.client, id, recallUpdate, { actorId: SEKRETARIS })).rejects.toEqual(
      new AppError(409, 'refused', INCOMING_REFUSAL.notGiver),
    );
    await expect(
      runDispositionUpdate(env.client, id + 500, recallUpdate, { actorId: ADMIN }),
    ).rejects.toEqual(new NotFoundError('Disposisi tidak ditemukan.'));
    await expect(queryDispositionState(env.client, id + 500)).rejects.toBeInstanceOf(NotFoundError);

    // An activity refusal of the report reaches the caller; the receipt of reading it stays.
    expect(await refusal(report(SEKRETARIS))).toBe('Berkas lampiran tidak ditemukan.');
    expect(await d.query(dispositionStateQuery)).toMatchObject({ status: 'read' });

    // Forwarded: the report belongs to the forward's receiver; nobody finishes it while forwards are open.
    const [toKepala] = (await forward(SEKRETARIS)).childIds;
    const again = await forward(SEKRETARIS, [STAF1]); // forwarding again adds receivers
    const toStaf1 = again.childIds[1];
    expect(again).toMatchObject({
      status: 'forwarded',
      childIds: [toKepala, toStaf1],
      openChildIds: [toKepala, toStaf1],
    });
    expect(await refusal(report(SEKRETARIS))).toBe(INCOMING_REFUSAL.forwardedAlready);
    expect(await refusal(finish(SEKRETARIS))).toBe(INCOMING_REFUSAL.openForwards);
    expect(await refusal(finish(ADMIN))).toBe(INCOMING_REFUSAL.openForwards);
    expect(await refusal(d.executeUpdate(recallUpdate, { args: [{ actorId: ADMIN }] }))).toBe(
      INCOMING_REFUSAL.alreadyRead,
    );

    // The giver finishes the forward without a report (the API's "close"): the branch and the letter end.
    const child = dispositionHandle(env, toKepala);
    expect(await refusal(child.executeUpdate(finishDispositionUpdate, { args: [{ actorId: ADMIN }] }))).toBe(
      INCOMING_REFUSAL.notReceiver,
    );
    expect(
      await child.executeUpdate(finishDispositionUpdate, { args: [{ actorId: SEKRETARIS, note: 'Cukup' }] }),
    ).toMatchObject({ status: 'done' });
    await eventually(async () =>
      expect((await d.query(dispositionStateQuery)).openChildIds).toEqual([toStaf1]),
    );
    expect(await refusal(finish(SEKRETARIS))).toBe(INCOMING_REFUSAL.openForwards);
    await dispositionHandle(env, toStaf1).executeUpdate(followUpUpdate, {
      args: [{ actorId: STAF1, report: 'Selesai.', files: [] }],
    });
    await eventually(async () => expect((await h.query(incomingStateQuery)).status).toBe('closed'));
    expect(await refusal(report(SEKRETARIS))).toBeTruthy(); // the workflow has ended: no more updates
    await expect(
      runIncomingUpdate(env.client, 32, disposeUpdate, { ...admin, ...disposeArgs(ADMIN, [KEPALA]) }),
    ).rejects.toEqual(new AppError(409, 'refused', INCOMING_REFUSAL.closed));

    expect(statusesOf(acts)).toEqual([
      [id, 'read', 'disposition.read', SEKRETARIS],
      [id, 'forwarded', 'disposition.forward', SEKRETARIS], // once: forwarding again changes no status
      [toKepala, 'done', 'disposition.finish', SEKRETARIS],
      [toStaf1, 'read', 'disposition.read', STAF1],
      [id, 'done', 'disposition.complete', null],
    ]);
    expect(callsOf(acts.recordDispositionStatus)[2].note).toBe('Cukup');
    expect(noticesOf(acts, 'followed_up')).toEqual([
      ['followed_up', [KEPALA]], // finished by the giver: the receiver hears of it
      ['followed_up', [SEKRETARIS]],
      ['followed_up', [ADMIN]],
    ]);
  });
});

import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  assignNumberUpdate,
  outgoingLetter,
  saveDraftUpdate,
  signUpdate,
  stateQuery,
  submitUpdate,
  verifyUpdate,
  withdrawUpdate,
} from '../../workflows/outgoing-letter';
import { REFUSAL } from '../../workflows/outgoing-letter-types';
import {
  DRAFTER,
  OPD,
  callsOf,
  content,
  eventually,
  gate,
  historyJson,
  letterInput,
  mockActivities,
  recordHistory,
  refusal,
  startLetter,
  startTimeSkipping,
  withWorker,
} from './support';

const [V1, V2, SIGNER, ADMIN] = [201, 202, 300, 400];
const admin = { actorId: ADMIN, actorIsAdmin: true, actorOpdId: OPD, date: '2026-11-28' };
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

type Handle = WorkflowHandle<typeof outgoingLetter>;

/** Moves a fresh letter to the given stage with one verifier. */
async function advance(h: Handle, to: 'verifying' | 'numbering' | 'signing') {
  await h.executeUpdate(submitUpdate, {
    args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1], signerId: SIGNER }],
  });
  if (to === 'verifying') return;
  await h.executeUpdate(verifyUpdate, { args: [{ actorId: V1, baseVersionNo: 1, decision: 'approve' }] });
  if (to === 'numbering') return;
  await h.executeUpdate(assignNumberUpdate, { args: [{ ...admin, number: '000.1.2/1/DISKOMINFO/2026' }] });
}

/**
 * What a refused update left in history after `from`: update and activity events only. (The Java test
 * server also records the workflow task that ran the validator; the real server drops it.)
 */
async function tracesAfter(h: Handle, from: number): Promise<string[]> {
  const events = (await h.fetchHistory()).events ?? [];
  return events
    .slice(from)
    .map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k as keyof typeof e]) ?? '')
    .filter((k) => /Update|ActivityTask/.test(k));
}
const historyLength = async (h: Handle) => (await h.fetchHistory()).events?.length ?? 0;

test('refusals change nothing: stale version, checkSubmission and registerNumber refusals reach the caller', async () => {
  const acts = mockActivities();
  acts.checkSubmission.mockRejectedValueOnce(
    ApplicationFailure.create({
      message: 'Verifikator 201 tidak aktif.',
      type: 'refused',
      nonRetryable: true,
    }),
  );
  acts.registerNumber.mockRejectedValueOnce(
    ApplicationFailure.create({ message: 'Nomor sudah dipakai.', type: 'refused', nonRetryable: true }),
  );
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(30));
    await h.executeUpdate(saveDraftUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, content: content() }],
    });
    const before = await h.query(stateQuery);
    const events = await historyLength(h);

    // Validator refusals: nothing recorded in history, nothing called.
    const stale = h.executeUpdate(saveDraftUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, content: content('x') }],
    });
    await expect(stale).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await refusal(stale)).toBe(REFUSAL.staleVersion);
    expect(
      await refusal(
        h.executeUpdate(saveDraftUpdate, { args: [{ actorId: V1, baseVersionNo: 2, content: content() }] }),
      ),
    ).toBe(REFUSAL.notDrafter);
    expect(
      await refusal(
        h.executeUpdate(submitUpdate, {
          args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1], signerId: 1 }],
        }),
      ),
    ).toBe(REFUSAL.staleVersion);
    expect(
      await refusal(
        h.executeUpdate(verifyUpdate, { args: [{ actorId: V1, baseVersionNo: 2, decision: 'approve' }] }),
      ),
    ).toBe(REFUSAL.notVerifying);
    expect(await refusal(h.executeUpdate(assignNumberUpdate, { args: [{ ...admin, number: '1' }] }))).toBe(
      REFUSAL.notNumbering,
    );
    expect(await refusal(h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'g' }] }))).toBe(
      REFUSAL.notSigning,
    );
    expect(await h.query(stateQuery)).toEqual(before);
    expect(await tracesAfter(h, events)).toEqual([]);
    expect(acts.saveLetterVersion).toHaveBeenCalledTimes(1);

    // An activity refusal: the caller gets its message; the state is as before; it was not retried.
    const submit = () =>
      h.executeUpdate(submitUpdate, {
        args: [{ actorId: DRAFTER, baseVersionNo: 2, verifierIds: [V1], signerId: SIGNER }],
      });
    const refused = submit();
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await refusal(refused)).toBe('Verifikator 201 tidak aktif.');
    expect(await h.query(stateQuery)).toEqual(before);
    expect(acts.checkSubmission).toHaveBeenCalledTimes(1);
    expect(acts.recordProgress).not.toHaveBeenCalled();

    await submit();
    await h.executeUpdate(verifyUpdate, { args: [{ actorId: V1, baseVersionNo: 2, decision: 'approve' }] });
    const numbering = await h.query(stateQuery);
    const taken = h.executeUpdate(assignNumberUpdate, {
      args: [{ ...admin, number: '000.1.2/1/DISKOMINFO/2026' }],
    });
    expect(await refusal(taken)).toBe('Nomor sudah dipakai.');
    expect(await h.query(stateQuery)).toEqual(numbering);
    expect(numbering).toMatchObject({ status: 'numbering', number: null });
    expect(callsOf(acts.recordProgress).map((p) => p.action)).toEqual(['letter.submit', 'letter.approve']);

    await h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Selesai diuji' }] });
    await h.result();
    await recordHistory(h, 'refusals');
  });
});

test('withdraw: by the drafter before signing completes the workflow; others and after signing are refused', async () => {
  const acts = mockActivities();
  const delivering = gate();
  acts.deliverLetter.mockImplementation(async () => {
    await delivering.wait;
    return { delivered: 1, incoming: [] };
  });
  await withWorker(env, acts, async (tq) => {
    for (const [id, stage, assignee] of [
      [31, 'verifying', { userIds: [V1] }],
      [32, 'numbering', { userIds: [], opdAdminsOf: OPD }],
      [33, 'signing', { userIds: [SIGNER] }],
    ] as const) {
      const h = await startLetter(env, tq, letterInput(id));
      await advance(h, stage);
      expect(await refusal(h.executeUpdate(withdrawUpdate, { args: [{ actorId: V1, reason: 'x' }] }))).toBe(
        REFUSAL.notDrafter,
      );
      const withdrawn = await h.executeUpdate(withdrawUpdate, {
        args: [{ actorId: DRAFTER, reason: 'Batal' }],
      });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', currentStep: null });
      expect(await h.result()).toMatchObject({ status: 'withdrawn' });
      expect(callsOf(acts.notify).at(-1)).toMatchObject({ letterId: id, kind: 'withdrawn', ...assignee });
      expect(callsOf(acts.recordProgress).at(-1)).toMatchObject({ action: 'letter.withdraw', note: 'Batal' });
      if (id === 31) await recordHistory(h, 'withdraw-while-verifying');
    }

    // Straight from the draft: nobody else had the letter, so nobody is notified.
    const draft = await startLetter(env, tq, letterInput(34));
    const notified = acts.notify.mock.calls.length;
    await draft.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Salah buat' }] });
    expect(await draft.result()).toMatchObject({ status: 'withdrawn' });
    expect(acts.notify.mock.calls.length).toBe(notified);

    // Signed (delivery held open): too late to withdraw.
    const h = await startLetter(env, tq, letterInput(35));
    await advance(h, 'signing');
    await h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'g-35' }] });
    await eventually(() => expect(acts.deliverLetter).toHaveBeenCalled());
    expect(
      await refusal(h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'x' }] })),
    ).toBe(REFUSAL.notWithdrawable);
    delivering.open();
    expect(await h.result()).toMatchObject({ status: 'sent' });
  });
});

test('concurrency: of two identical approvals, submits or signatures sent at once exactly one succeeds', async () => {
  const acts = mockActivities();
  // Slow activities keep the first update inside its handler while the second one is validated.
  acts.checkSubmission.mockImplementation(() => delay(300));
  acts.saveLetterVersion.mockImplementation(async () => (await delay(300), { versionNo: 2 }));
  acts.signLetter.mockImplementation(async () => (await delay(300), { documentCode: 'C-40', sha256: '00' }));
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(40));
    const twice = async <T>(run: () => Promise<T>) => {
      const results = await Promise.allSettled([run(), run()]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0].reason).toBeInstanceOf(WorkflowUpdateFailedError);
      return refusal(Promise.reject(failed[0].reason));
    };

    expect(
      await twice(() =>
        h.executeUpdate(submitUpdate, {
          args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1, V2], signerId: SIGNER }],
        }),
      ),
    ).toBe(REFUSAL.notEditable);
    expect(acts.checkSubmission).toHaveBeenCalledTimes(1);

    expect(
      await twice(() =>
        h.executeUpdate(verifyUpdate, {
          args: [{ actorId: V1, baseVersionNo: 1, decision: 'approve', content: content('edit') }],
        }),
      ),
    ).toBe(REFUSAL.notYourTurn);
    expect(acts.saveLetterVersion).toHaveBeenCalledTimes(1);
    expect(await h.query(stateQuery)).toMatchObject({
      versionNo: 2,
      currentStep: { index: 1, assigneeId: V2 },
    });

    await h.executeUpdate(verifyUpdate, { args: [{ actorId: V2, baseVersionNo: 2, decision: 'approve' }] });
    await h.executeUpdate(assignNumberUpdate, { args: [{ ...admin, number: '000.1.2/2/DISKOMINFO/2026' }] });
    expect(
      await twice(() => h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'g-40' }] })),
    ).toBe(REFUSAL.notSigning);
    expect(acts.signLetter).toHaveBeenCalledTimes(1);
    expect(await h.result()).toMatchObject({ status: 'sent', documentCode: 'C-40' });
    await recordHistory(h, 'concurrency');
  });
  expect(callsOf(acts.recordProgress).map((p) => p.action)).toEqual([
    'letter.submit',
    'letter.approve',
    'letter.approve',
    'letter.number',
    'letter.sign',
    'letter.send',
  ]);
});

test('the passphrase never enters workflow history: the sign update carries the grant id only', async () => {
  const PASSPHRASE = 'MARKER-Rahasia-Passphrase-7731';
  const vault = new Map([['grant-abc', PASSPHRASE]]); // what the API stored when it checked the passphrase
  const acts = mockActivities();
  acts.signLetter.mockImplementation(async ({ grantId }) => {
    expect(vault.get(grantId)).toBe(PASSPHRASE); // the activity redeems the grant outside history
    return { documentCode: 'QR-50', sha256: 'cd'.repeat(32) };
  });
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(50));
    await advance(h, 'signing');
    await h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'grant-abc' }] });
    await h.result();

    const history = await h.fetchHistory();
    expect(historyJson(history)).not.toContain(PASSPHRASE);
    expect(historyJson(history)).not.toContain(Buffer.from(PASSPHRASE).toString('base64').slice(0, 24));
    const signArgs = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .filter((input) => input?.name === 'sign')
      .map((input) => (input!.args!.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)));
    expect(signArgs).toEqual([[{ actorId: SIGNER, grantId: 'grant-abc' }]]);
    await recordHistory(h, 'sign-with-grant');
  });
});

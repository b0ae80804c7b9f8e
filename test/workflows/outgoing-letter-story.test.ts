import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  assignNumberUpdate,
  signUpdate,
  stateQuery,
  saveDraftUpdate,
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
  letterInput,
  mockActivities,
  recordHistory,
  refusal,
  startLetter,
  startTimeSkipping,
  withWorker,
} from './support';

const [V1, V2, V3, SIGNER, ADMIN] = [201, 202, 203, 300, 400];
const admin = { actorId: ADMIN, actorIsAdmin: true, actorOpdId: OPD, date: '2026-11-28' };

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

test('the whole story: draft, two verifiers in order, numbering by the OPD admin, signing, delivery', async () => {
  const acts = mockActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(1));
    expect(await h.query(stateQuery)).toMatchObject({ status: 'draft', versionNo: 1, currentStep: null });

    const saved = await h.executeUpdate(saveDraftUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, content: content() }],
    });
    expect(saved.versionNo).toBe(2);

    const submitted = await h.executeUpdate(submitUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 2, verifierIds: [V1, V2], signerId: SIGNER }],
    });
    expect(submitted).toMatchObject({
      status: 'verifying',
      verifierIds: [V1, V2],
      signerId: SIGNER,
      resumeAt: 0,
    });
    expect(submitted.currentStep).toMatchObject({ kind: 'verify', index: 0, assigneeId: V1 });

    const verify = (actorId: number, extra: object = {}) =>
      h.executeUpdate(verifyUpdate, { args: [{ actorId, baseVersionNo: 2, decision: 'approve', ...extra }] });
    expect(await refusal(verify(V2))).toBe(REFUSAL.notYourTurn);
    expect((await verify(V1)).currentStep).toMatchObject({ kind: 'verify', index: 1, assigneeId: V2 });

    const edited = await verify(V2, {
      content: content('Undangan rapat (perbaikan)'),
      note: 'Perihal diperjelas',
    });
    expect(edited).toMatchObject({ status: 'numbering', versionNo: 3 });
    expect(edited.currentStep).toMatchObject({ kind: 'number', assigneeId: null });

    const number = (extra: object) =>
      h.executeUpdate(assignNumberUpdate, {
        args: [{ ...admin, number: '000.1.2/27/DISKOMINFO/2026', ...extra }],
      });
    expect(await refusal(number({ actorIsAdmin: false }))).toBe(REFUSAL.notAdminOfOpd);
    expect(await refusal(number({ actorOpdId: OPD + 1 }))).toBe(REFUSAL.notAdminOfOpd);
    expect(await refusal(number({ number: '   ' }))).toBe(REFUSAL.emptyNumber);
    const numbered = await number({ number: ' 000.1.2/27/DISKOMINFO/2026 ' });
    expect(numbered).toMatchObject({
      status: 'signing',
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-11-28',
    });
    expect(numbered.currentStep).toMatchObject({ kind: 'sign', assigneeId: SIGNER });

    expect(await refusal(h.executeUpdate(signUpdate, { args: [{ actorId: V1, grantId: 'g-1' }] }))).toBe(
      REFUSAL.notSigner,
    );
    const signed = await h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: 'g-1' }] });
    expect(signed).toMatchObject({ status: 'sending', documentCode: 'DOC-CODE-1', currentStep: null });

    const final = await h.result();
    expect(final).toMatchObject({ status: 'sent', documentCode: 'DOC-CODE-1', versionNo: 3 });
    await recordHistory(h, 'story-two-verifiers');
  });

  expect(callsOf(acts.saveLetterVersion)).toEqual([
    { letterId: 1, authorId: DRAFTER, baseVersionNo: 1, content: content() },
    { letterId: 1, authorId: V2, baseVersionNo: 2, content: content('Undangan rapat (perbaikan)') },
  ]);
  expect(callsOf(acts.checkSubmission)).toEqual([
    { letterId: 1, drafterId: DRAFTER, verifierIds: [V1, V2], signerId: SIGNER },
  ]);
  expect(callsOf(acts.registerNumber)).toEqual([
    { letterId: 1, actorId: ADMIN, number: '000.1.2/27/DISKOMINFO/2026', date: '2026-11-28' },
  ]);
  expect(callsOf(acts.signLetter)).toEqual([{ letterId: 1, signerId: SIGNER, grantId: 'g-1' }]);
  expect(callsOf(acts.deliverLetter)).toEqual([{ letterId: 1 }]);

  const progress = callsOf(acts.recordProgress);
  expect(progress.map((p) => [p.action, p.actorId, p.state.status])).toEqual([
    ['letter.submit', DRAFTER, 'verifying'],
    ['letter.approve', V1, 'verifying'],
    ['letter.approve', V2, 'numbering'],
    ['letter.number', ADMIN, 'signing'],
    ['letter.sign', SIGNER, 'sending'],
    ['letter.send', SIGNER, 'sent'],
  ]);
  // The approval with edits records the verifier's new version.
  expect(progress[2]).toMatchObject({ note: 'Perihal diperjelas', state: { versionNo: 3 } });
  expect(progress[1].state.versionNo).toBe(2);

  expect(callsOf(acts.notify).map((n) => [n.kind, n.userIds, n.opdAdminsOf])).toEqual([
    ['task', [V1], undefined],
    ['task', [V2], undefined],
    ['task', [], OPD],
    ['task', [SIGNER], undefined],
    ['sent', [DRAFTER], undefined],
  ]);
});

test('return and resume: the letter goes back to draft and resumes at the verifier who returned it', async () => {
  const acts = mockActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(2));
    await h.executeUpdate(submitUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1, V2, V3], signerId: SIGNER }],
    });
    const verify = (actorId: number, baseVersionNo: number, extra: object = {}) =>
      h.executeUpdate(verifyUpdate, { args: [{ actorId, baseVersionNo, decision: 'approve', ...extra }] });
    await verify(V1, 1);
    expect(await refusal(verify(V2, 1, { decision: 'return' }))).toBe(REFUSAL.noteRequired);
    expect(await refusal(verify(V2, 1, { decision: 'return', note: '  ' }))).toBe(REFUSAL.noteRequired);
    const returned = await verify(V2, 1, { decision: 'return', note: 'Dasar hukum belum dicantumkan' });
    expect(returned).toMatchObject({
      status: 'draft',
      resumeAt: 1,
      currentStep: null,
      verifierIds: [V1, V2, V3],
    });

    await h.executeUpdate(saveDraftUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, content: content() }],
    });
    const resubmit = (extra: object) =>
      h.executeUpdate(submitUpdate, { args: [{ actorId: DRAFTER, baseVersionNo: 2, ...extra }] });
    expect(await refusal(resubmit({ verifierIds: [V2, V1, V3] }))).toBe(REFUSAL.changedVerifiers);
    expect(await refusal(resubmit({ verifierIds: [V1, V2] }))).toBe(REFUSAL.changedVerifiers);
    expect(await refusal(resubmit({ signerId: SIGNER + 1 }))).toBe(REFUSAL.changedVerifiers);
    expect(await h.query(stateQuery)).toMatchObject({ status: 'draft', versionNo: 2 });

    const resumed = await resubmit({});
    expect(resumed).toMatchObject({ status: 'verifying', resumeAt: 1 });
    expect(resumed.currentStep).toMatchObject({ kind: 'verify', index: 1, assigneeId: V2 });
    expect(await refusal(verify(V1, 2))).toBe(REFUSAL.notYourTurn); // verifier 1 is not asked again
    await verify(V2, 2);
    expect(await verify(V3, 2)).toMatchObject({ status: 'numbering' });

    await h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Rapat dibatalkan' }] });
    expect(await h.result()).toMatchObject({ status: 'withdrawn' });
    await recordHistory(h, 'return-and-resume');
  });

  const progress = callsOf(acts.recordProgress);
  expect(progress.map((p) => [p.action, p.actorId, p.state.currentStep?.index ?? null])).toEqual([
    ['letter.submit', DRAFTER, 0],
    ['letter.approve', V1, 1],
    ['letter.return', V2, null],
    ['letter.submit', DRAFTER, 1],
    ['letter.approve', V2, 2],
    ['letter.approve', V3, 0],
    ['letter.withdraw', DRAFTER, null],
  ]);
  expect(progress[2].note).toBe('Dasar hukum belum dicantumkan');
  expect(progress[6].note).toBe('Rapat dibatalkan');
  // The resubmission is checked again (a verifier may have left meanwhile), with the original choice.
  expect(callsOf(acts.checkSubmission).map((c) => c.verifierIds)).toEqual([
    [V1, V2, V3],
    [V1, V2, V3],
  ]);
  expect(callsOf(acts.notify).map((n) => [n.kind, n.userIds, n.opdAdminsOf])).toEqual([
    ['task', [V1], undefined],
    ['task', [V2], undefined],
    ['returned', [DRAFTER], undefined],
    ['task', [V2], undefined],
    ['task', [V3], undefined],
    ['task', [], OPD],
    ['withdrawn', [], OPD],
  ]);
});

test('three verifiers act strictly in the chosen order; a bad verifier list is refused', async () => {
  const acts = mockActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(3));
    const submit = (extra: object) =>
      h.executeUpdate(submitUpdate, {
        args: [{ actorId: DRAFTER, baseVersionNo: 1, signerId: SIGNER, ...extra }],
      });
    expect(await refusal(submit({}))).toBe(REFUSAL.noVerifiers);
    expect(await refusal(submit({ verifierIds: [] }))).toBe(REFUSAL.noVerifiers);
    expect(await refusal(submit({ verifierIds: [V1, V2, V1] }))).toBe(REFUSAL.duplicateVerifier);
    expect(await refusal(submit({ verifierIds: [V1, DRAFTER] }))).toBe(REFUSAL.drafterAsVerifier);
    expect(await refusal(submit({ verifierIds: [V1], signerId: undefined }))).toBe(REFUSAL.noSigner);
    expect(await refusal(submit({ verifierIds: [V1], actorId: V1 }))).toBe(REFUSAL.notDrafter);
    expect(acts.checkSubmission).not.toHaveBeenCalled();

    await submit({ verifierIds: [V3, V1, V2] });
    const approve = (actorId: number) =>
      h.executeUpdate(verifyUpdate, { args: [{ actorId, baseVersionNo: 1, decision: 'approve' }] });
    for (const [turn, others] of [
      [V3, [V1, V2, DRAFTER]],
      [V1, [V3, V2]],
      [V2, [V3, V1]],
    ] as const) {
      for (const other of others) expect(await refusal(approve(other))).toBe(REFUSAL.notYourTurn);
      await approve(turn);
    }
    expect(await h.query(stateQuery)).toMatchObject({ status: 'numbering' });
    expect(await refusal(approve(V2))).toBe(REFUSAL.notVerifying);
    await h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Tidak jadi' }] });
    await h.result();
    await recordHistory(h, 'three-verifiers-in-order');
  });
  const approvals = callsOf(acts.recordProgress).filter((p) => p.action === 'letter.approve');
  expect(approvals.map((p) => p.actorId)).toEqual([V3, V1, V2]);
});

import { ValidationError } from '../../lib/errors';
import { createLetter } from '../../lib/letters/create-letter';
import type { LetterActivities } from '../../workflows/outgoing-letter-types';
import {
  addClassification,
  letterTableCounts,
  opdIds,
  sampleContent,
  sampleState,
  testActivities,
  userIds,
} from '../support/letters';
import { issueTestCertificate } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/** Drafts, versions, submission checks and progress records of outgoing letters, without Temporal. */
describe.each(DATABASE_KINDS)('outgoing letter drafts on %s', (kind) => {
  let t: TestDatabase;
  let activities: LetterActivities;
  let close: () => Promise<void>;
  let opd: Record<string, number>;
  let u: Record<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    u = await userIds(t.db, [
      'staf1.diskominfo',
      'verifikator1.diskominfo',
      'verifikator2.diskominfo',
      'verifikator1.disdik',
      'kepala.diskominfo',
      'staf2.diskominfo',
    ]);
    const built = testActivities(t);
    activities = built.activities;
    close = () => built.pool.close();
  });
  afterAll(async () => {
    await close();
    await t.drop();
  });

  it('creates a draft: letter, version 1 with the content, recipients and the audit row', async () => {
    const before = await letterTableCounts(t.db);
    const { letterId, versionNo } = await createLetter(t.db, {
      drafterId: u['staf1.diskominfo'],
      content: sampleContent(opd, { subject: '  Permintaan Data  ' }),
    });
    expect(versionNo).toBe(1);
    const letter = await t.db('letters').where({ id: letterId }).first();
    expect(letter).toMatchObject({
      status: 'draft',
      opd_id: opd.DISKOMINFO,
      subject: 'Permintaan Data',
      sifat: 'penting',
      urgency: 'segera',
      classification: '000.1.2',
    });
    const version = await t.db('letter_versions').where({ id: letter.current_version_id }).first();
    expect(version.version_no).toBe(1);
    expect(JSON.parse(version.fields)).toMatchObject({ kind: 'surat-dinas', subject: 'Permintaan Data' });
    const recipients = await t.db('letter_recipients').where({ letter_id: letterId }).orderBy('id');
    expect(recipients.map((r) => [r.opd_id, r.kind])).toEqual([
      [opd.DISDIK, 'to'],
      [opd.DINKES, 'to'],
      [opd.SETDA, 'cc'],
    ]);
    const audit = await t.db('audit_log').orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ action: 'letter.create', entity_id: String(letterId) });
    const after = await letterTableCounts(t.db);
    expect(after.audit_log - before.audit_log).toBe(1);
  });

  it.each([
    ['an unknown kind', { kind: 'surat-cinta' }, /Jenis naskah tidak dikenal/],
    ['its own OPD as recipient', 'own', /perangkat daerah sendiri/],
    ['invalid fields', { fields: { kepada: '' } }, /belum lengkap atau tidak valid/],
    ['an unknown sifat', { sifat: 'santai' }, /Sifat surat tidak dikenal/],
    ['an unknown classification', { classification: '999.9' }, /klasifikasi arsip tidak dikenal/],
    ['a cc that is also a recipient', 'overlap', /sekaligus menjadi tembusan/],
    ['no recipients', { recipientOpdIds: [] }, /minimal satu perangkat daerah tujuan/],
  ])('refuses %s with a ValidationError and writes nothing', async (_label, change, message) => {
    const before = await letterTableCounts(t.db);
    const overrides =
      change === 'own'
        ? { recipientOpdIds: [opd.DISKOMINFO] }
        : change === 'overlap'
          ? { ccOpdIds: [opd.DISDIK] }
          : (change as object);
    const attempt = createLetter(t.db, {
      drafterId: u['staf1.diskominfo'],
      content: sampleContent(opd, overrides),
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toThrow(message);
    expect(await letterTableCounts(t.db)).toEqual(before);
  });

  it('saves versions: base+1, a retry returns the same version, a stale base is refused', async () => {
    const { letterId } = await createLetter(t.db, {
      drafterId: u['staf1.diskominfo'],
      content: sampleContent(opd),
    });
    const edited = sampleContent(opd, { subject: 'Permintaan Data Pegawai', ccOpdIds: [] });
    const input = { letterId, authorId: u['staf1.diskominfo'], baseVersionNo: 1, content: edited };
    expect(await activities.saveLetterVersion(input)).toEqual({ versionNo: 2 });
    expect(await activities.saveLetterVersion(input)).toEqual({ versionNo: 2 });
    expect(await t.db('letter_versions').where({ letter_id: letterId })).toHaveLength(2);
    const letter = await t.db('letters').where({ id: letterId }).first();
    expect(letter.subject).toBe('Permintaan Data Pegawai');
    expect(await t.db('letter_recipients').where({ letter_id: letterId, kind: 'cc' })).toHaveLength(0);
    expect(
      await t.db('audit_log').where({ action: 'letter.edit', entity_id: String(letterId) }),
    ).toHaveLength(1);

    // Another edit from the same stale base (different content) is refused, and so is another author's.
    await expect(
      activities.saveLetterVersion({ ...input, content: sampleContent(opd, { subject: 'Lain' }) }),
    ).rejects.toMatchObject({
      type: 'refused',
      nonRetryable: true,
      message: expect.stringMatching(/Muat ulang/),
    });
    await expect(
      activities.saveLetterVersion({ ...input, authorId: u['verifikator1.diskominfo'] }),
    ).rejects.toMatchObject({ type: 'refused' });
    // Invalid content is refused too.
    await expect(
      activities.saveLetterVersion({
        ...input,
        baseVersionNo: 2,
        content: sampleContent(opd, { kind: 'x' }),
      }),
    ).rejects.toMatchObject({ type: 'refused', message: 'Jenis naskah tidak dikenal.' });
  });

  it('checks submissions: verifiers of the OPD with the role, a signer with an active certificate', async () => {
    const { letterId } = await createLetter(t.db, {
      drafterId: u['staf1.diskominfo'],
      content: sampleContent(opd),
    });
    const base = {
      letterId,
      drafterId: u['staf1.diskominfo'],
      verifierIds: [u['verifikator1.diskominfo'], u['verifikator2.diskominfo']],
      signerId: u['kepala.diskominfo'],
    };
    await expect(activities.checkSubmission(base)).rejects.toMatchObject({
      type: 'refused',
      message: expect.stringMatching(/tidak memiliki sertifikat/),
    });
    await issueTestCertificate(t);
    await expect(activities.checkSubmission(base)).resolves.toBeUndefined();
    await expect(
      activities.checkSubmission({ ...base, verifierIds: [u['staf2.diskominfo']] }),
    ).rejects.toMatchObject({ type: 'refused', message: expect.stringMatching(/bukan verifikator\.$/) });
    await expect(
      activities.checkSubmission({ ...base, verifierIds: [u['verifikator1.disdik']] }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/perangkat daerah pembuat surat/) });
    await t.db('users').where({ id: u['verifikator2.diskominfo'] }).update({ active: false });
    await expect(activities.checkSubmission(base)).rejects.toMatchObject({
      message: expect.stringMatching(/tidak aktif/),
    });
    await t.db('users').where({ id: u['verifikator2.diskominfo'] }).update({ active: true });
  });

  it('records progress: steps, status and audit in one go, idempotently', async () => {
    const drafterId = u['staf1.diskominfo'];
    const { letterId } = await createLetter(t.db, { drafterId, content: sampleContent(opd) });
    const verifierIds = [u['verifikator1.diskominfo'], u['verifikator2.diskominfo']];
    const signerId = u['kepala.diskominfo'];
    const step = (kind: 'verify' | 'number' | 'sign', index: number, assigneeId: number | null) => ({
      kind,
      index,
      assigneeId,
      startedAt: '2026-11-28T01:00:00.000Z',
      dueAt: '2026-11-29T01:00:00.000Z',
    });
    const common = { letterId, drafterId, opdId: opd.DISKOMINFO, verifierIds, signerId };
    const steps = async () =>
      (await t.db('letter_steps').where({ letter_id: letterId }).orderBy('seq')).map((r) => ({
        seq: r.seq,
        kind: r.kind,
        assignee: r.assignee_id === null ? null : Number(r.assignee_id),
        status: r.status,
        approved: r.approved_version_id !== null,
        due: r.due_at !== null,
        note: r.note,
      }));
    const audits = () => t.db('audit_log').where({ entity_type: 'letter', entity_id: String(letterId) });

    const submit = {
      letterId,
      actorId: drafterId,
      action: 'letter.submit',
      state: sampleState({ ...common, status: 'verifying', currentStep: step('verify', 0, verifierIds[0]) }),
    };
    await activities.recordProgress(submit);
    await activities.recordProgress(submit); // a retry
    expect(await steps()).toEqual([
      {
        seq: 1,
        kind: 'verify',
        assignee: verifierIds[0],
        status: 'active',
        approved: false,
        due: true,
        note: null,
      },
      {
        seq: 2,
        kind: 'verify',
        assignee: verifierIds[1],
        status: 'waiting',
        approved: false,
        due: false,
        note: null,
      },
      { seq: 3, kind: 'number', assignee: null, status: 'waiting', approved: false, due: false, note: null },
      {
        seq: 4,
        kind: 'sign',
        assignee: signerId,
        status: 'waiting',
        approved: false,
        due: false,
        note: null,
      },
    ]);
    expect((await t.db('letters').where({ id: letterId }).first()).status).toBe('verifying');
    expect((await audits()).map((a) => a.action)).toEqual(['letter.create', 'letter.submit']);

    await activities.recordProgress({
      letterId,
      actorId: verifierIds[0],
      action: 'letter.approve',
      state: sampleState({ ...common, status: 'verifying', currentStep: step('verify', 1, verifierIds[1]) }),
    });
    await activities.recordProgress({
      letterId,
      actorId: verifierIds[1],
      action: 'letter.return',
      note: 'Perbaiki paragraf kedua.',
      state: sampleState({ ...common, status: 'draft', resumeAt: 1 }),
    });
    const returned = await steps();
    expect(returned.map((s) => s.status)).toEqual(['done', 'returned', 'waiting', 'waiting']);
    expect(returned[0].approved).toBe(true);
    expect(returned[1].note).toBe('Perbaiki paragraf kedua.');

    const resubmit = {
      letterId,
      actorId: drafterId,
      action: 'letter.submit',
      state: sampleState({
        ...common,
        status: 'verifying',
        resumeAt: 1,
        currentStep: { ...step('verify', 1, verifierIds[1]), startedAt: '2026-11-30T01:00:00.000Z' },
      }),
    };
    await activities.recordProgress(resubmit);
    expect((await steps()).map((s) => s.status)).toEqual(['done', 'active', 'waiting', 'waiting']);
    await activities.recordProgress({
      letterId,
      actorId: verifierIds[1],
      action: 'letter.approve',
      state: sampleState({ ...common, status: 'numbering', currentStep: step('number', 0, null) }),
    });
    const numbering = await steps();
    expect(numbering.map((s) => s.status)).toEqual(['done', 'done', 'active', 'waiting']);
    expect(numbering.map((s) => s.approved)).toEqual([true, true, false, false]);
    expect((await audits()).map((a) => a.action)).toEqual([
      'letter.create',
      'letter.submit',
      'letter.approve',
      'letter.return',
      'letter.submit',
      'letter.approve',
    ]);
    expect((await t.db('letters').where({ id: letterId }).first()).status).toBe('numbering');
  });

  it('notifies people, their superiors and an OPD admin once each', async () => {
    const { letterId } = await createLetter(t.db, {
      drafterId: u['staf1.diskominfo'],
      content: sampleContent(opd),
    });
    const before = Number((await t.db('notifications').count('* as n'))[0].n);
    await activities.notify({
      letterId,
      userIds: [u['staf1.diskominfo'], u['staf1.diskominfo'], u['verifikator1.diskominfo']],
      opdAdminsOf: opd.DISKOMINFO,
      alsoSuperiors: true,
      kind: 'overdue',
      title: 'Surat melewati batas waktu',
    });
    const rows = await t.db('notifications').where('id', '>', 0).orderBy('id').offset(before);
    const admin = await t.db('users').where({ username: 'admin.diskominfo' }).first('id');
    const head = u['kepala.diskominfo'];
    // staf1's superior is verifikator1 (already listed); verifikator1's superior is the head.
    expect(rows.map((r) => Number(r.user_id)).sort()).toEqual(
      [u['staf1.diskominfo'], u['verifikator1.diskominfo'], Number(admin.id), head].sort(),
    );
    expect(rows.every((r) => r.link === `/surat/${letterId}` && r.kind === 'overdue')).toBe(true);
  });
});

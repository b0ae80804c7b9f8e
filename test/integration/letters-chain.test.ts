import { createLetter } from '../../lib/letters/create-letter';
import { createSigningGrant } from '../../lib/letters/create-signing-grant';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import type { LetterActivities, LetterState } from '../../workflows/outgoing-letter-types';
import {
  addClassification,
  opdIds,
  sampleContent,
  sampleState,
  testActivities,
  userIds,
} from '../support/letters';
import { pdfText } from '../support/pdf-text';
import { runPdfsig } from '../support/pdf-validators';
import {
  databaseText,
  issueTestCertificate,
  setupTestCa,
  TEST_PASSPHRASE,
  type TestPki,
} from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * One letter through every activity, as the workflow calls them, with a real Chromium and a real
 * certificate: draft → edit → verification → number → grant → signature → delivery.
 */
describe.each(DATABASE_KINDS)('an outgoing letter through its activities on %s', (kind) => {
  let t: TestDatabase;
  let pki: TestPki;
  let pool: BrowserPool;
  let activities: LetterActivities;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    await addClassification(t.db);
    pki = await setupTestCa(t);
    await issueTestCertificate(t);
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    activities = testActivities(t, { pool, pki: pki.pki }).activities;
  });
  afterAll(async () => {
    await pool.close();
    await t.drop();
  });

  it('is drafted, verified, numbered, signed once and delivered once to each recipient', async () => {
    const opd = await opdIds(t.db);
    const u = await userIds(t.db, [
      'staf1.diskominfo',
      'verifikator1.diskominfo',
      'verifikator2.diskominfo',
      'admin.diskominfo',
      'kepala.diskominfo',
    ]);
    const drafterId = u['staf1.diskominfo'];
    const verifierIds = [u['verifikator1.diskominfo'], u['verifikator2.diskominfo']];
    const signerId = u['kepala.diskominfo'];
    const { letterId } = await createLetter(t.db, { drafterId, content: sampleContent(opd) });
    const { versionNo } = await activities.saveLetterVersion({
      letterId,
      authorId: drafterId,
      baseVersionNo: 1,
      content: sampleContent(opd, { subject: 'Permintaan Data Kepegawaian Tahun 2026' }),
    });
    expect(versionNo).toBe(2);
    await activities.checkSubmission({ letterId, drafterId, verifierIds, signerId });

    const at = (status: LetterState['status'], step: LetterState['currentStep']) =>
      sampleState({
        letterId,
        drafterId,
        opdId: opd.DISKOMINFO,
        versionNo,
        verifierIds,
        signerId,
        status,
        currentStep: step,
      });
    const step = (k: 'verify' | 'number' | 'sign', index: number, assigneeId: number | null) => ({
      kind: k,
      index,
      assigneeId,
      startedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await activities.recordProgress({
      letterId,
      actorId: drafterId,
      action: 'letter.submit',
      state: at('verifying', step('verify', 0, verifierIds[0])),
    });
    await activities.recordProgress({
      letterId,
      actorId: verifierIds[0],
      action: 'letter.approve',
      state: at('verifying', step('verify', 1, verifierIds[1])),
    });
    await activities.recordProgress({
      letterId,
      actorId: verifierIds[1],
      action: 'letter.approve',
      state: at('numbering', step('number', 0, null)),
    });

    const suggestion = await suggestNextNumber(t.db, {
      opdId: opd.DISKOMINFO,
      year: 2026,
      classification: '000.1.2',
    });
    expect(suggestion).toEqual({ sequence: 1, number: '000.1.2/1/DISKOMINFO/2026' });
    const date = '2026-11-28';
    await activities.registerNumber({
      letterId,
      actorId: u['admin.diskominfo'],
      number: suggestion.number,
      date,
    });
    await activities.recordProgress({
      letterId,
      actorId: u['admin.diskominfo'],
      action: 'letter.number',
      state: { ...at('signing', step('sign', 0, signerId)), number: suggestion.number, date },
    });
    expect(
      (await t.db('letter_steps').where({ letter_id: letterId }).orderBy('seq')).map((s) => s.status),
    ).toEqual(['done', 'done', 'done', 'active']);

    const { grantId } = await createSigningGrant(
      { db: t.db, files: pki.files, pki: pki.pki },
      { letterId, signerId, passphrase: TEST_PASSPHRASE },
    );
    const signed = await activities.signLetter({ letterId, signerId, grantId });
    expect(signed.documentCode).toMatch(/^[a-z2-9]{20}$/);
    const letter = await t.db('letters').where({ id: letterId }).first();
    expect(letter.verification_code).toBe(signed.documentCode);
    const file = await pki.files.get(Number(letter.signed_file_id));
    expect(file.sha256).toBe(signed.sha256);
    const pdf = await pki.files.read(file);

    const { signatures, output } = await runPdfsig(pdf, pki.rootPem);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      signatureValid: true,
      certificateTrusted: true,
      totalDocumentSigned: true,
    });
    expect(output).toContain('Ir. Azwar Anas');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('000.1.2/1/DISKOMINFO/2026');
    expect(text).toContain('Sekretariat Daerah'); // tembusan
    expect(text).toContain('Penting');

    // A retry after success: the same document, no second signature, the grant already spent.
    expect(await activities.signLetter({ letterId, signerId, grantId })).toEqual(signed);
    expect(await t.db('document_signatures')).toHaveLength(1);
    expect(await t.db('documents').where({ letter_id: letterId })).toHaveLength(1);
    // A crash after signing but before the letter recorded it: the retry records it, signing nothing.
    await t.db('letters').where({ id: letterId }).update({ signed_file_id: null, verification_code: null });
    expect(await activities.signLetter({ letterId, signerId, grantId })).toEqual(signed);
    expect(await t.db('document_signatures')).toHaveLength(1);
    expect((await t.db('letters').where({ id: letterId }).first()).verification_code).toBe(
      signed.documentCode,
    );
    // An unknown letter is a refusal, not a retry.
    await expect(
      activities.signLetter({ letterId: letterId + 100, signerId, grantId }),
    ).rejects.toMatchObject({
      type: 'refused',
    });

    await activities.recordProgress({
      letterId,
      actorId: signerId,
      action: 'letter.sign',
      state: { ...at('sending', null), number: suggestion.number, date, documentCode: signed.documentCode },
    });
    const delivery = await activities.deliverLetter({ letterId });
    expect(await activities.deliverLetter({ letterId })).toEqual(delivery); // a retry delivers nothing new
    const incoming = await t.db('incoming_letters').where({ letter_id: letterId }).orderBy('opd_id');
    // Each incoming letter comes back with the input of its own workflow.
    expect(delivery.delivered).toBe(3);
    expect([...delivery.incoming].sort((a, b) => a.opdId - b.opdId)).toEqual(
      incoming.map((i) => ({
        incomingId: Number(i.id),
        opdId: Number(i.opd_id),
        reminderBeforeHours: t.config.incoming.reminderBeforeHours,
      })),
    );
    expect(incoming.map((i) => [Number(i.opd_id), i.recipient_kind, i.status, i.source])).toEqual(
      [
        [opd.DISDIK, 'to', 'received', 'delivery'],
        [opd.DINKES, 'to', 'received', 'delivery'],
        [opd.SETDA, 'cc', 'received', 'delivery'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(incoming[0]).toMatchObject({
      number: '000.1.2/1/DISKOMINFO/2026',
      letter_date: date,
      sender_opd_id: opd.DISKOMINFO,
      subject: 'Permintaan Data Kepegawaian Tahun 2026',
    });
    const admins = await t
      .db('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .whereIn('users.opd_id', [opd.DISDIK, opd.DINKES, opd.SETDA])
      .where('user_roles.role', 'admin_opd')
      .pluck('users.id');
    const notes = await t.db('notifications').whereIn('user_id', admins);
    expect(notes).toHaveLength(admins.length);
    expect(notes.every((n) => /^\/surat-masuk\/\d+$/.test(n.link))).toBe(true);
    expect((await t.db('letters').where({ id: letterId }).first()).sent_at).not.toBeNull();
    expect(
      await t.db('audit_log').where({ action: 'letter.deliver', entity_id: String(letterId) }),
    ).toHaveLength(1);

    const everything = await databaseText(t.db);
    expect(everything).not.toContain(TEST_PASSPHRASE);
    expect(everything).not.toContain(grantId);
  });
});

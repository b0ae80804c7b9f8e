import { createSign, createVerify, X509Certificate } from 'node:crypto';
import { NotFoundError } from '../../lib/errors';
import {
  CertificateExpiredError,
  CertificateRevokedError,
  WrongPassphraseError,
} from '../../lib/pki/pki-errors';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { unlockSigningKey, type UnlockSigningKeyDeps } from '../../lib/pki/unlock-signing-key';
import { issueTestCertificate, setupTestCa, type TestPki } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

const normalize = (pem: string) => new X509Certificate(pem).raw.toString('base64');

describe.each(DATABASE_KINDS)('unlocking a signing key on %s', (kind) => {
  let t: TestDatabase;
  let ca: TestPki;
  let cert: Awaited<ReturnType<typeof issueTestCertificate>>;
  let sleeps: number[];
  let deps: UnlockSigningKeyDeps;
  const WRONG = 'Bukan-Passphrase#2026';

  const failures = async (id = cert.certificateId) =>
    t.db('certificates').where({ id }).first('unlock_failures', 'last_unlock_failure_at');
  const wrongGuess = (d: UnlockSigningKeyDeps = deps) =>
    unlockSigningKey(d, { certificateId: cert.certificateId, passphrase: WRONG, actorId: cert.userId }).catch(
      (e: unknown) => e,
    );

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    ca = await setupTestCa(t);
    cert = await issueTestCertificate(t);
  });
  beforeEach(() => {
    sleeps = [];
    deps = { db: t.db, files: ca.files, sleep: async (ms) => void sleeps.push(ms) };
  });
  afterAll(() => t.drop());

  it('opens the key with the right passphrase: it signs for the certificate, chain leaf first then root', async () => {
    const unlocked = await unlockSigningKey(deps, {
      certificateId: cert.certificateId,
      passphrase: cert.passphrase,
    });
    const signature = createSign('sha256').update('Surat Edaran 001').sign(unlocked.privateKey);
    const leaf = new X509Certificate(unlocked.certificatePem);
    expect(createVerify('sha256').update('Surat Edaran 001').verify(leaf.publicKey, signature)).toBe(true);
    expect(normalize(unlocked.certificatePem)).toBe(normalize(cert.certificatePem));
    expect(unlocked.chainPem.map(normalize)).toEqual([normalize(cert.certificatePem), normalize(ca.rootPem)]);
    expect(sleeps).toEqual([]);
  });

  it('answers a wrong passphrase with a typed error that says nothing about it', async () => {
    const err = await wrongGuess();
    expect(err).toBeInstanceOf(WrongPassphraseError);
    expect(err).toMatchObject({
      status: 422,
      code: 'wrong_passphrase',
      message: 'Passphrase sertifikat salah.',
    });
    expect(JSON.stringify(err)).not.toContain(WRONG);
    expect(String((err as Error).stack)).not.toContain(WRONG);
    // Reset for the next test.
    await unlockSigningKey(deps, { certificateId: cert.certificateId, passphrase: cert.passphrase });
  });

  it('counts failures, waits longer after each (capped at 5 s), audits them, and resets on success', async () => {
    for (let i = 0; i < 4; i++) expect(await wrongGuess()).toBeInstanceOf(WrongPassphraseError);
    expect(sleeps).toEqual([500, 1000, 1500, 2000]);
    const counted = await failures();
    expect(Number(counted.unlock_failures)).toBe(4);
    expect(counted.last_unlock_failure_at).not.toBeNull();
    const audited = await t
      .db('audit_log')
      .where({ action: 'certificate.unlock_failed', entity_id: String(cert.certificateId) })
      .orderBy('id');
    expect(audited.slice(-4).map((r) => JSON.parse(r.data).failures)).toEqual([1, 2, 3, 4]);
    expect(audited.slice(-4).every((r) => r.actor_id === cert.userId && !r.data.includes(WRONG))).toBe(true);

    await t.db('certificates').where({ id: cert.certificateId }).update({ unlock_failures: 30 });
    await wrongGuess();
    expect(sleeps.at(-1)).toBe(5000);

    await unlockSigningKey(deps, { certificateId: cert.certificateId, passphrase: cert.passphrase });
    expect(await failures()).toMatchObject({ unlock_failures: 0, last_unlock_failure_at: null });
    await wrongGuess();
    expect(sleeps.at(-1)).toBe(500);
    await unlockSigningKey(deps, { certificateId: cert.certificateId, passphrase: cert.passphrase });
  });

  it('really waits before answering a wrong guess, longer each time', async () => {
    const real: UnlockSigningKeyDeps = { db: t.db, files: ca.files };
    const timed = async () => {
      const started = performance.now();
      expect(await wrongGuess(real)).toBeInstanceOf(WrongPassphraseError);
      return performance.now() - started;
    };
    const first = await timed();
    const second = await timed();
    expect(first).toBeGreaterThanOrEqual(490);
    expect(second).toBeGreaterThanOrEqual(990);
    expect(second - first).toBeGreaterThan(400);
    await unlockSigningKey(real, { certificateId: cert.certificateId, passphrase: cert.passphrase });
  });

  it('makes parallel guesses on one certificate take turns', async () => {
    const spans: [number, number][] = [];
    const slow: UnlockSigningKeyDeps = {
      db: t.db,
      files: ca.files,
      sleep: async (ms) => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 40));
        spans.push([start, performance.now()]);
        sleeps.push(ms);
      },
    };
    const results = await Promise.all([wrongGuess(slow), wrongGuess(slow), wrongGuess(slow)]);
    expect(results.every((r) => r instanceof WrongPassphraseError)).toBe(true);
    expect(sleeps).toEqual([500, 1000, 1500]);
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    await unlockSigningKey(deps, { certificateId: cert.certificateId, passphrase: cert.passphrase });
  });

  it('refuses an expired certificate and an unknown one', async () => {
    const notAfter = (await t.db('certificates').where({ id: cert.certificateId }).first('not_after'))
      .not_after;
    await t
      .db('certificates')
      .where({ id: cert.certificateId })
      .update({ not_after: new Date(Date.now() - 1000) });
    try {
      const err = await unlockSigningKey(deps, {
        certificateId: cert.certificateId,
        passphrase: cert.passphrase,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CertificateExpiredError);
      expect(err).toMatchObject({ status: 409, code: 'certificate_expired' });
    } finally {
      await t.db('certificates').where({ id: cert.certificateId }).update({ not_after: notAfter });
    }
    await expect(
      unlockSigningKey(deps, { certificateId: 987_654, passphrase: cert.passphrase }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a revoked certificate even with the right passphrase, and counts nothing', async () => {
    const other = await issueTestCertificate(t, { username: 'kepala.setda' });
    await revokeCertificate(
      { db: t.db, pki: ca.pki },
      { certificateId: other.certificateId, reason: 'key_compromise', actorId: null },
    );
    const err = await unlockSigningKey(deps, {
      certificateId: other.certificateId,
      passphrase: other.passphrase,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CertificateRevokedError);
    expect(err).toMatchObject({ status: 409, code: 'certificate_revoked' });
    await expect(
      unlockSigningKey(deps, { certificateId: other.certificateId, passphrase: WRONG }),
    ).rejects.toBeInstanceOf(CertificateRevokedError);
    expect(Number((await failures(other.certificateId)).unlock_failures)).toBe(0);
    expect(sleeps).toEqual([]);
  });
});

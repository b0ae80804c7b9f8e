import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createLetter } from '../../lib/letters/create-letter';
import { createSigningGrant } from '../../lib/letters/create-signing-grant';
import { GRANT_EXPIRED, GRANT_UNUSABLE, redeemSigningGrant } from '../../lib/letters/redeem-signing-grant';
import { FileStore } from '../../lib/storage/file-store';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import {
  databaseText,
  issueTestCertificate,
  setupTestCa,
  TEST_PASSPHRASE,
  type TestPki,
} from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('signing grants on %s', (kind) => {
  let t: TestDatabase;
  let pki: TestPki;
  let files: FileStore;
  let signer: number;
  let letterId: number;
  let otherLetterId: number;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    await addClassification(t.db);
    pki = await setupTestCa(t);
    files = pki.files;
    const cert = await issueTestCertificate(t);
    signer = cert.userId;
    const opd = await opdIds(t.db);
    const { 'staf1.diskominfo': drafter } = await userIds(t.db, ['staf1.diskominfo']);
    letterId = (await createLetter(t.db, { drafterId: drafter, content: sampleContent(opd) })).letterId;
    otherLetterId = (await createLetter(t.db, { drafterId: drafter, content: sampleContent(opd) })).letterId;
  });
  afterAll(() => t.drop());

  const grant = (now?: () => Date) =>
    createSigningGrant(
      { db: t.db, files, pki: pki.pki, now },
      { letterId, signerId: signer, passphrase: TEST_PASSPHRASE },
    );
  const redeem = (grantId: string, over: { letterId?: number; signerId?: number; now?: () => Date } = {}) =>
    redeemSigningGrant(
      { db: t.db, pki: pki.pki, now: over.now },
      { grantId, letterId: over.letterId ?? letterId, signerId: over.signerId ?? signer },
    );

  /** The key a redeemed grant gives, as the public key it must belong to. */
  const publicKeyOf = (key: { privateKey: KeyObject }) =>
    createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' });

  it('round-trips the opened key until spent; the id is a 32-byte token and only its hash is stored', async () => {
    const { grantId, expiresAt } = await grant();
    expect(Buffer.from(grantId, 'base64url')).toHaveLength(32);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    const row = await t.db('signing_grants').first();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = await databaseText(t.db);
    expect(text).not.toContain(TEST_PASSPHRASE);
    expect(text).not.toContain(grantId);

    const redeemed = await redeem(grantId);
    const certificate = await t.db('certificates').where({ id: redeemed.certificateId }).first();
    const certificatePublicKey = new X509Certificate(certificate.certificate_pem).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(publicKeyOf(redeemed.key)).toBe(certificatePublicKey);
    expect(new X509Certificate(redeemed.key.chainPem[0]).fingerprint256).toBe(
      new X509Certificate(certificate.certificate_pem).fingerprint256,
    );
    // Sealed: neither the key's PKCS#8 bytes nor its PEM are in any column.
    const pkcs8 = redeemed.key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(text).not.toContain(pkcs8.slice(0, 64));
    expect(text).not.toContain('PRIVATE KEY');
    // A signature that failed for a passing reason may open it again; once spent, it is gone.
    expect(publicKeyOf((await redeem(grantId)).key)).toBe(certificatePublicKey);
    await redeemed.spend();
    expect(await t.db('signing_grants').where({ token_hash: row.token_hash })).toHaveLength(0);
    await expect(redeem(grantId)).rejects.toThrow(GRANT_UNUSABLE);
  });

  it('refuses a grant for another letter or signer and leaves it for its own', async () => {
    const { grantId } = await grant();
    await expect(redeem(grantId, { letterId: otherLetterId })).rejects.toThrow(/bukan untuk surat ini/);
    await expect(redeem(grantId, { signerId: signer + 1 })).rejects.toThrow(/bukan untuk surat ini/);
    // A row moved to another letter in the database does not open either.
    await t.db('signing_grants').update({ letter_id: otherLetterId });
    await expect(redeem(grantId, { letterId: otherLetterId })).rejects.toThrow(GRANT_UNUSABLE);
    await t.db('signing_grants').delete();
  });

  it('refuses an expired grant and removes it', async () => {
    const { grantId } = await grant(() => new Date(Date.now() - 11 * 60 * 1000));
    await expect(redeem(grantId)).rejects.toThrow(GRANT_EXPIRED);
    expect(await t.db('signing_grants')).toHaveLength(0);
    await expect(redeem('not-a-grant')).rejects.toThrow(GRANT_UNUSABLE);
  });

  it('refuses a wrong passphrase without storing anything', async () => {
    await expect(
      createSigningGrant(
        { db: t.db, files, pki: pki.pki },
        { letterId, signerId: signer, passphrase: 'Salah-Sandi#2026' },
      ),
    ).rejects.toThrow('Passphrase sertifikat salah.');
    expect(await t.db('signing_grants')).toHaveLength(0);
    expect(await databaseText(t.db)).not.toContain('Salah-Sandi#2026');
  });
});

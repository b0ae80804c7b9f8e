import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { buildCrl } from '../../lib/pki/build-crl';
import { certificateStatus } from '../../lib/pki/certificate-status';
import { currentCrl } from '../../lib/pki/current-crl';
import { listSigners } from '../../lib/pki/list-signers';
import { pkiPaths } from '../../lib/pki/pki-paths';
import { CertificateAlreadyRevokedError } from '../../lib/pki/pki-errors';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { issueTestCertificate, runTool, setupTestCa, userIdOf, type TestPki } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

type Issued = Awaited<ReturnType<typeof issueTestCertificate>>;

describe.each(DATABASE_KINDS)('revocation, CRL and signers on %s', (kind) => {
  let t: TestDatabase;
  let ca: TestPki;
  let crlFile: string;
  let kept: Issued;
  let revoked: Issued;
  let freeText: Issued;
  let revokedAt: Date;
  const crlText = () =>
    runTool('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-noout', '-text'], { check: true }).stdout;
  const pemFile = (name: string, pem: string) => {
    const file = path.join(t.dataDir, name);
    fs.writeFileSync(file, pem);
    return file;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    ca = await setupTestCa(t);
    crlFile = pkiPaths(ca.pki.dir).crl;
    kept = await issueTestCertificate(t, { username: 'kepala.diskominfo' });
    revoked = await issueTestCertificate(t, { username: 'kepala.bappeda' });
    freeText = await issueTestCertificate(t, { username: 'kepala.bpkad' });
    const before = Date.now();
    const result = await revokeCertificate(
      { db: t.db, pki: ca.pki },
      { certificateId: revoked.certificateId, reason: 'key_compromise', actorId: 1 },
    );
    revokedAt = result.revokedAt;
    expect(result.serial).toBe(revoked.serial);
    expect(revokedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
  afterAll(() => t.drop());

  it('marks the certificate revoked with time and reason, and audits it', async () => {
    const row = await t.db('certificates').where({ id: revoked.certificateId }).first();
    expect(row.status).toBe('revoked');
    expect(row.revocation_reason).toBe('key_compromise');
    expect(Math.abs(new Date(row.revoked_at).getTime() - revokedAt.getTime())).toBeLessThan(1000);
    const audit = await t
      .db('audit_log')
      .where({ action: 'certificate.revoke', entity_id: String(revoked.certificateId) });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(1);
    expect(JSON.parse(audit[0].data)).toMatchObject({ serial: revoked.serial, reason: 'key_compromise' });
    expect((await t.db('certificates').where({ id: kept.certificateId }).first()).status).toBe('active');
  });

  it('publishes a root-signed CRL that lists the revoked serial with its reason, and only it', () => {
    const text = crlText();
    expect(text).toContain(`Serial Number: ${revoked.serial.toUpperCase()}`);
    expect(text).toContain('Key Compromise');
    expect(text).not.toContain(kept.serial.toUpperCase());
    expect(text).toMatch(
      /Issuer: C = ID, O = Pemerintah Kabupaten Kuantan Singingi, .*CN = Root CA Pemerintah Kabupaten Kuantan Singingi/,
    );
    expect(text).toMatch(/X509v3 CRL Number:\s+\d+/);
    expect(text).toMatch(/X509v3 Authority Key Identifier:/);
    const last = Date.parse(text.match(/Last Update: (.*)/)![1]);
    const next = Date.parse(text.match(/Next Update: (.*)/)![1]);
    expect(Math.round((next - last) / 86_400_000)).toBe(7);
    expect(Math.abs(last - Date.now())).toBeLessThan(120_000);

    const verified = runTool('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      crlFile,
      '-CAfile',
      ca.rootFile,
      '-verify',
      '-noout',
    ]);
    expect(verified.output).toContain('verify OK');
    // A CRL that was tampered with does not verify.
    const tampered = Buffer.from(fs.readFileSync(crlFile));
    const at = tampered.indexOf(Buffer.from(revoked.serial, 'hex'));
    expect(at).toBeGreaterThan(0);
    tampered[at + 5] ^= 0xff;
    const tamperedFile = path.join(t.dataDir, 'tampered.crl');
    fs.writeFileSync(tamperedFile, tampered);
    const bad = runTool('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      tamperedFile,
      '-CAfile',
      ca.rootFile,
      '-verify',
      '-noout',
    ]);
    expect(bad.output).not.toContain('verify OK');
  });

  it('makes OpenSSL reject the revoked certificate and accept the other with CRL checking', () => {
    const crlPem = pemFile(
      'crl.pem',
      runTool('openssl', ['crl', '-inform', 'DER', '-in', crlFile], { check: true }).stdout,
    );
    const verify = (pem: string) =>
      runTool('openssl', [
        'verify',
        '-crl_check',
        '-CAfile',
        ca.rootFile,
        '-CRLfile',
        crlPem,
        pemFile('leaf.pem', pem),
      ]);
    expect(verify(kept.certificatePem).status).toBe(0);
    const refused = verify(revoked.certificatePem);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('certificate revoked');
  });

  it('tells the status of a serial in any common spelling', async () => {
    expect(await certificateStatus(t.db, revoked.serial)).toBe('revoked');
    expect(await certificateStatus(t.db, kept.serial)).toBe('active');
    expect(await certificateStatus(t.db, kept.serial.toUpperCase().match(/../g)!.join(':'))).toBe('active');
    expect(await certificateStatus(t.db, '00' + kept.serial)).toBe('active');
    expect(await certificateStatus(t.db, '7f'.repeat(16))).toBe('unknown');
    expect(await certificateStatus(t.db, 'bukan-serial')).toBe('unknown');
    const later = new Date(kept.notAfter.getTime() + 1000);
    expect(await certificateStatus(t.db, kept.serial, later)).toBe('expired');
    expect(await certificateStatus(t.db, revoked.serial, later)).toBe('revoked');
  });

  it('refuses to revoke twice, an unknown certificate, or without a reason', async () => {
    const deps = { db: t.db, pki: ca.pki };
    await expect(
      revokeCertificate(deps, { certificateId: revoked.certificateId, reason: 'superseded', actorId: 1 }),
    ).rejects.toBeInstanceOf(CertificateAlreadyRevokedError);
    await expect(
      revokeCertificate(deps, { certificateId: 424_242, reason: 'superseded', actorId: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      revokeCertificate(deps, { certificateId: kept.certificateId, reason: '   ', actorId: 1 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await t.db('certificates').where({ id: kept.certificateId }).first()).status).toBe('active');
  });

  it('lists a free-text reason without a reason code, next to the earlier one', async () => {
    await revokeCertificate(
      { db: t.db, pki: ca.pki },
      { certificateId: freeText.certificateId, reason: 'Pensiun per 1 Desember', actorId: 1 },
    );
    const text = crlText();
    const entry = text
      .slice(text.indexOf(`Serial Number: ${freeText.serial.toUpperCase()}`))
      .split('Serial Number:')[1];
    expect(entry).toBeDefined();
    expect(entry).not.toMatch(/Reason Code/);
    expect(text).toContain(`Serial Number: ${revoked.serial.toUpperCase()}`);
    expect(await certificateStatus(t.db, freeText.serial)).toBe('revoked');
  });

  it('serves the stored CRL while current, and rebuilds it once it lags behind the database', async () => {
    const stored = fs.readFileSync(crlFile);
    expect(await currentCrl({ db: t.db, pki: ca.pki })).toEqual(stored);
    // A revocation whose CRL rebuild never happened (say, the process died right after the commit).
    const late = await issueTestCertificate(t, { username: 'kepala.dinkes' });
    await t
      .db('certificates')
      .where({ id: late.certificateId })
      .update({ status: 'revoked', revoked_at: new Date(), revocation_reason: 'superseded' });
    const fresh = await currentCrl({ db: t.db, pki: ca.pki });
    expect(fresh).not.toEqual(stored);
    expect(fs.readFileSync(crlFile)).toEqual(fresh);
    expect(crlText()).toContain(late.serial.toUpperCase());
    expect((await buildCrl({ db: t.db, pki: ca.pki })).length).toBeGreaterThan(0);
  });

  it('lists as signers only active people with a valid certificate, by OPD on request', async () => {
    // State here: kepala.diskominfo active; bappeda, bpkad and dinkes revoked.
    const expired = await issueTestCertificate(t, { username: 'kepala.disdik' });
    await t
      .db('certificates')
      .where({ id: expired.certificateId })
      .update({ not_after: new Date(Date.now() - 60_000) });
    const inactive = await issueTestCertificate(t, { username: 'kepala.setda' });
    await t.db('users').where({ id: inactive.userId }).update({ active: false });

    const signers = await listSigners(t.db, {});
    expect(signers.map((s) => s.id)).toEqual([kept.userId]);
    const user = await t
      .db('users')
      .join('opd', 'opd.id', 'users.opd_id')
      .where('users.id', kept.userId)
      .first(
        'users.name',
        'users.nip',
        'users.position',
        'opd.id as opd_id',
        'opd.code',
        'opd.name as opd_name',
      );
    expect(signers[0]).toEqual({
      id: kept.userId,
      name: user.name,
      nip: user.nip,
      position: user.position,
      opd: { id: Number(user.opd_id), code: 'DISKOMINFO', name: user.opd_name },
      certificate: { id: kept.certificateId, serial: kept.serial, notAfter: kept.notAfter },
    });
    expect(await listSigners(t.db, { opdId: Number(user.opd_id) })).toHaveLength(1);
    const disdik = (await t.db('opd').where({ code: 'DISDIK' }).first('id')).id;
    expect(await listSigners(t.db, { opdId: Number(disdik) })).toEqual([]);
    expect(await listSigners(t.db, { opdId: null })).toHaveLength(1);

    // A renewed certificate brings its holder back; the person appears once.
    await issueTestCertificate(t, { username: 'kepala.disdik' });
    const staff = await userIdOf(t.db, 'kepala.disdik');
    expect((await listSigners(t.db, { opdId: Number(disdik) })).map((s) => s.id)).toEqual([staff]);
    expect((await listSigners(t.db)).map((s) => s.id).sort()).toEqual([kept.userId, staff].sort());
    await t.db('users').where({ id: inactive.userId }).update({ active: true });
    expect(await listSigners(t.db)).toHaveLength(3);
  });
});

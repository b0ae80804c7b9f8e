import { createPublicKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../lib/errors';
import { issueCertificate } from '../../lib/pki/issue-certificate';
import { pkiPaths } from '../../lib/pki/pki-paths';
import {
  ActiveCertificateExistsError,
  PassphraseTooShortError,
  SignerNotEligibleError,
} from '../../lib/pki/pki-errors';
import { unlockSigningKey } from '../../lib/pki/unlock-signing-key';
import {
  TEST_P12_ITERATIONS,
  databaseText,
  issueTestCertificate,
  runTool,
  setupTestCa,
  userIdOf,
  type TestPki,
} from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('issuing a signing certificate on %s', (kind) => {
  let t: TestDatabase;
  let ca: TestPki;
  let issued: Awaited<ReturnType<typeof issueTestCertificate>>;
  let user: { id: number; name: string; nip: string; position: string; opd_name: string };
  let leafFile: string;
  let p12File: string;
  const passphrase = 'Passphrase-Kepala#Diskominfo';

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    ca = await setupTestCa(t);
    issued = await issueTestCertificate(t, { username: 'kepala.diskominfo', passphrase });
    user = await t
      .db('users')
      .join('opd', 'opd.id', 'users.opd_id')
      .where('users.id', issued.userId)
      .first('users.id', 'users.name', 'users.nip', 'users.position', 'opd.name as opd_name');
    leafFile = path.join(t.dataDir, 'leaf.pem');
    fs.writeFileSync(leafFile, issued.certificatePem);
    const row = await t.db('certificates').where({ id: issued.certificateId }).first();
    p12File = path.join(t.dataDir, 'pejabat.p12');
    fs.writeFileSync(p12File, await ca.files.read(await ca.files.get(Number(row.p12_file_id))));
  });
  afterAll(() => t.drop());

  it('chains to the root in OpenSSL', () => {
    const result = runTool('openssl', ['verify', '-CAfile', ca.rootFile, leafFile]);
    expect(result.stdout.trim()).toBe(`${leafFile}: OK`);
    // And not to another root with the same name: the check is real.
    const other = path.join(t.dataDir, 'lain.crt');
    runTool(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(t.dataDir, 'lain.key'),
        '-out',
        other,
        '-days',
        '1',
        '-subj',
        '/C=ID/O=Pemerintah Kabupaten Kuantan Singingi/CN=Root CA Pemerintah Kabupaten Kuantan Singingi',
      ],
      { check: true },
    );
    expect(runTool('openssl', ['verify', '-CAfile', other, leafFile]).status).not.toBe(0);
  });

  it('carries the official’s identity and the signing profile', () => {
    const text = runTool(
      'openssl',
      ['x509', '-in', leafFile, '-noout', '-text', '-nameopt', 'RFC2253,-esc_msb'],
      {
        check: true,
      },
    ).stdout;
    const subject = text.match(/Subject: (.*)/)![1];
    expect(subject).toContain(`CN=${user.name.replace(/,/g, '\\,')}`);
    expect(subject).toContain(`serialNumber=${user.nip}`);
    expect(subject).toContain(`title=${user.position.replace(/,/g, '\\,')}`);
    expect(subject).toContain(`OU=${user.opd_name.replace(/,/g, '\\,')}`);
    expect(subject).toContain('O=Pemerintah Kabupaten Kuantan Singingi');
    expect(subject).toMatch(/C=ID$/);
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36\n/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(
      new RegExp(
        `X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${t.config.publicUrl.replace(/\./g, '\\.')}/pki/crl\\n`,
      ),
    );
    expect(text).not.toMatch(/Authority Information Access|OCSP/);
    const root = runTool('openssl', ['x509', '-in', ca.rootFile, '-noout', '-text'], { check: true }).stdout;
    const rootKeyId = root.match(/Subject Key Identifier:\s+(\S+)/)![1];
    expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s+(keyid:)?${rootKeyId}`));
    expect(text).toMatch(/Subject Key Identifier:\s+[0-9A-F:]{59}/);

    const leaf = new X509Certificate(issued.certificatePem);
    expect(leaf.serialNumber.toLowerCase()).toBe(issued.serial);
    expect(issued.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(new Date(leaf.validFrom).getTime()).toBe(issued.notBefore.getTime());
    expect(new Date(leaf.validTo).getTime()).toBe(issued.notAfter.getTime());
    const days = (issued.notAfter.getTime() - issued.notBefore.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(t.config.pki.certValidityDays);
  });

  it('records the certificate, its PKCS#12 in the file store, and an audit entry', async () => {
    const row = await t.db('certificates').where({ id: issued.certificateId }).first();
    expect(row).toMatchObject({
      user_id: user.id,
      serial: issued.serial,
      status: 'active',
      unlock_failures: 0,
    });
    expect(row.subject).toMatch(
      new RegExp(
        `^CN=.*serialNumber=${user.nip}, title=.*, OU=.*, O=Pemerintah Kabupaten Kuantan Singingi, C=ID$`,
      ),
    );
    expect(row.certificate_pem).toBe(issued.certificatePem);
    const file = await t.db('files').where({ id: row.p12_file_id }).first();
    expect(file.mime).toBe('application/x-pkcs12');
    expect(fs.readFileSync(p12File).length).toBe(Number(file.size));

    const audit = await t
      .db('audit_log')
      .where({ action: 'certificate.issue', entity_id: String(issued.certificateId) });
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_type).toBe('certificate');
    expect(JSON.parse(audit[0].data)).toMatchObject({
      userId: user.id,
      serial: issued.serial,
      p12Sha256: file.sha256,
    });
  });

  it('stores a PKCS#12 that OpenSSL opens with the passphrase only: AES-256-CBC, leaf and root inside', () => {
    const info = runTool('openssl', ['pkcs12', '-info', '-in', p12File, '-passin', 'env:PASS', '-noout'], {
      env: { PASS: passphrase },
    });
    expect(info.status).toBe(0);
    expect(info.output).toContain(
      `Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration ${TEST_P12_ITERATIONS}, PRF hmacWithSHA256`,
    );
    expect(info.output).toContain('MAC: sha256');
    const certs = runTool('openssl', ['pkcs12', '-in', p12File, '-passin', 'env:PASS', '-nokeys'], {
      env: { PASS: passphrase },
    }).stdout;
    expect(certs.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(certs).toContain(`serialNumber = ${user.nip}`);
    expect(certs).toContain('CN = Root CA Pemerintah Kabupaten Kuantan Singingi');
    const keyPem = runTool(
      'openssl',
      ['pkcs12', '-in', p12File, '-passin', 'env:PASS', '-nocerts', '-nodes'],
      {
        env: { PASS: passphrase },
      },
    ).stdout;
    expect(createPublicKey(keyPem).export({ type: 'spki', format: 'pem' })).toBe(
      new X509Certificate(issued.certificatePem).publicKey.export({ type: 'spki', format: 'pem' }),
    );

    const wrong = runTool('openssl', ['pkcs12', '-info', '-in', p12File, '-passin', 'env:PASS', '-noout'], {
      env: { PASS: 'Passphrase-Kepala#Diskominf0' },
    });
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain('Mac verify error');
  });

  it('keeps the passphrase, the private keys and the CA secret out of every table', async () => {
    const text = await databaseText(t.db);
    // The scan does see what is stored (the check below can fail).
    expect(text).toContain(issued.serial);
    expect(text).toContain(issued.certificatePem.split('\n')[1]);
    expect(text).not.toContain(passphrase);
    const { privateKey } = await unlockSigningKey(
      { db: t.db, files: ca.files },
      { certificateId: issued.certificateId, passphrase },
    );
    const keyBase64 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    for (let i = 0; i + 64 <= keyBase64.length; i += 256)
      expect(text).not.toContain(keyBase64.slice(i, i + 64));
    const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(text).not.toContain(pkcs8Pem.split('\n')[1]);
    const secret = fs.readFileSync(pkiPaths(ca.pki.dir).keySecret, 'utf8').trim();
    expect(text).not.toContain(secret);
    expect(text).not.toContain(fs.readFileSync(pkiPaths(ca.pki.dir).rootKey, 'utf8').split('\n')[1]);
    expect(text).not.toMatch(/PRIVATE KEY/);
  });

  it('refuses a short passphrase, an unknown or inactive person, and a second certificate', async () => {
    const count = async () => Number((await t.db('certificates').count({ n: '*' }))[0].n);
    const before = await count();
    const staff = await userIdOf(t.db, 'staf1.diskominfo');
    const shortOne = await issueCertificate(ca.deps, {
      userId: staff,
      passphrase: 'pendek7',
      actorId: null,
    }).catch((e: unknown) => e);
    expect(shortOne).toBeInstanceOf(PassphraseTooShortError);
    expect(shortOne).toMatchObject({ status: 400, code: 'passphrase_too_short' });
    expect((shortOne as Error).message).not.toContain('pendek7');

    await expect(
      issueCertificate(ca.deps, { userId: 999_999, passphrase, actorId: null }),
    ).rejects.toBeInstanceOf(NotFoundError);

    await t.db('users').where({ id: staff }).update({ active: false });
    const inactive = await issueCertificate(ca.deps, { userId: staff, passphrase, actorId: null }).catch(
      (e: unknown) => e,
    );
    await t.db('users').where({ id: staff }).update({ active: true });
    expect(inactive).toBeInstanceOf(SignerNotEligibleError);
    expect(inactive).toMatchObject({ status: 422, message: expect.stringMatching(/tidak aktif/) });

    const again = await issueCertificate(ca.deps, { userId: user.id, passphrase, actorId: null }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(ActiveCertificateExistsError);
    expect(again).toMatchObject({ status: 409, message: expect.stringContaining(issued.serial) });
    expect((again as Error).message).not.toContain(passphrase);
    expect(await count()).toBe(before);
  });

  it('renews: the new certificate replaces the old one, revoked as superseded in the same step', async () => {
    const head = await userIdOf(t.db, 'kepala.disdik');
    const first = await issueCertificate(ca.deps, { userId: head, passphrase, actorId: 1 });
    const second = await issueCertificate(ca.deps, {
      userId: head,
      passphrase: 'Passphrase-Baru#2027',
      actorId: 1,
      renew: true,
    });
    expect(second.supersededIds).toEqual([first.certificateId]);
    const rows = await t.db('certificates').where({ user_id: head }).orderBy('id');
    expect(rows.map((r) => [r.id, r.status, r.revocation_reason])).toEqual([
      [first.certificateId, 'revoked', 'superseded'],
      [second.certificateId, 'active', null],
    ]);
    const actions = await t
      .db('audit_log')
      .where({ entity_type: 'certificate' })
      .whereIn('entity_id', [String(first.certificateId), String(second.certificateId)])
      .orderBy('id')
      .select('action', 'entity_id');
    expect(actions).toEqual([
      { action: 'certificate.issue', entity_id: String(first.certificateId) },
      { action: 'certificate.revoke', entity_id: String(first.certificateId) },
      { action: 'certificate.issue', entity_id: String(second.certificateId) },
    ]);
    // The replaced one is on the CRL at once.
    const crl = runTool(
      'openssl',
      ['crl', '-inform', 'DER', '-in', pkiPaths(ca.pki.dir).crl, '-noout', '-text'],
      { check: true },
    ).stdout;
    expect(crl).toContain(first.serial.toUpperCase());
    expect(crl).toContain('Superseded');
  });

  it('rolls the whole issue back when its audit entry cannot be written: no row, no file record', async () => {
    const head = await userIdOf(t.db, 'kepala.dinkes');
    const counts = async () =>
      Promise.all(
        ['certificates', 'audit_log', 'files'].map(async (table) =>
          Number((await t.db(table).count({ n: '*' }))[0].n),
        ),
      );
    const before = await counts();
    // Without its head row appendAudit throws, after the file record and the certificate row were written.
    const auditHead = await t.db('audit_head').where({ id: 1 }).first();
    await t.db('audit_head').where({ id: 1 }).delete();
    try {
      await expect(issueCertificate(ca.deps, { userId: head, passphrase, actorId: null })).rejects.toThrow(
        /audit_head/,
      );
    } finally {
      await t.db('audit_head').insert(auditHead);
    }
    expect(await counts()).toEqual(before);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { certificateStatus } from '../../lib/pki/certificate-status';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { unlockSigningKey, type UnlockedSigningKey } from '../../lib/pki/unlock-signing-key';
import { issueTestCertificate, nssTrustStore, runTool, setupTestCa, type TestPki } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Signs with OpenSSL's CMS (adbe.pkcs7.detached): just enough of a PDF signer to ask NSS, through
 * poppler's pdfsig, whether it trusts what the CA issues for signing. The key goes to a 0600 file in
 * the test's own temp dir, which is removed with it.
 */
class OpensslCmsSigner extends Signer {
  constructor(
    private readonly dir: string,
    private readonly key: UnlockedSigningKey,
  ) {
    super();
  }

  async sign(content: Buffer): Promise<Buffer> {
    const file = (name: string, data: string | Buffer) => {
      const target = path.join(this.dir, name);
      fs.writeFileSync(target, data, { mode: 0o600 });
      return target;
    };
    const out = path.join(this.dir, 'signature.der');
    runTool(
      'openssl',
      [
        'cms',
        '-sign',
        '-binary',
        '-md',
        'sha256',
        '-nosmimecap',
        '-outform',
        'DER',
        '-in',
        file('content.bin', content),
        '-signer',
        file('signer.pem', this.key.certificatePem),
        '-inkey',
        file('signer.key', this.key.privateKey.export({ type: 'pkcs8', format: 'pem' })),
        '-certfile',
        file('chain.pem', this.key.chainPem.slice(1).join('')),
        '-out',
        out,
      ],
      { check: true },
    );
    return fs.readFileSync(out);
  }
}

async function signedPdf(dir: string, key: UnlockedSigningKey): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Nota Dinas uji tanda tangan elektronik', {
    x: 72,
    y: 760,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  const plain = Buffer.from(await doc.save({ useObjectStreams: false }));
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: plain,
    reason: 'Uji profil sertifikat',
    contactInfo: '',
    name: 'Pejabat Uji',
    location: 'Teluk Kuantan',
    signatureLength: 16_384,
  });
  const signed = await signpdf.sign(withPlaceholder, new OpensslCmsSigner(dir, key));
  const file = path.join(dir, 'signed.pdf');
  fs.writeFileSync(file, signed);
  return file;
}

describe.each(DATABASE_KINDS)('issued certificates in poppler / NSS on %s', (kind) => {
  let t: TestDatabase;
  let ca: TestPki;
  let cert: Awaited<ReturnType<typeof issueTestCertificate>>;
  let pdf: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    ca = await setupTestCa(t);
    cert = await issueTestCertificate(t);
    const key = await unlockSigningKey(
      { db: t.db, files: ca.files },
      { certificateId: cert.certificateId, passphrase: cert.passphrase },
    );
    const work = fs.mkdtempSync(path.join(t.dataDir, 'sign-'));
    pdf = await signedPdf(work, key);
  });
  afterAll(() => t.drop());

  it('verifies as valid and trusted with the root in the NSS store', () => {
    const nss = nssTrustStore(ca.rootPem, t.dataDir);
    const result = runTool('pdfsig', ['-nssdir', `sql:${nss}`, pdf]);
    // pdfsig exits 0 even for a broken signature: read what it says.
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(result.stdout).toContain('Certificate Validation: Certificate is Trusted.');
    expect(result.stdout).toMatch(/Signer Certificate Common Name: .+/);
  });

  it('is untrusted in an NSS store without the root: the trust result above is real', () => {
    const empty = fs.mkdtempSync(path.join(t.dataDir, 'nss-kosong-'));
    runTool('certutil', ['-N', '-d', `sql:${empty}`, '--empty-password'], { check: true });
    const result = runTool('pdfsig', ['-nssdir', `sql:${empty}`, pdf]);
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(result.stdout).not.toContain('Certificate is Trusted.');
  });

  // What the verification page must know: pdfsig fetches no CRL, so only the CA can say "revoked".
  it('keeps passing pdfsig after revocation, while certificateStatus reports it revoked', async () => {
    await revokeCertificate(
      { db: t.db, pki: ca.pki },
      { certificateId: cert.certificateId, reason: 'key_compromise', actorId: null },
    );
    const nss = nssTrustStore(ca.rootPem, t.dataDir);
    const result = runTool('pdfsig', ['-nssdir', `sql:${nss}`, pdf]);
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(await certificateStatus(t.db, cert.serial)).toBe('revoked');
  });
});

import { signPdf, type SignPdfInput } from '../../lib/signing/sign-pdf';
import { verifyPdf, type CertificateStatus } from '../../lib/signing/verify-pdf';
import { opensslVerify, pyhankoValidate, readSignatureWidgets, runPdfsig } from '../support/pdf-validators';
import {
  CO_SIGNATURE_BLOCK_RECT,
  createSigningFixtures,
  renderTestLetter,
  SIGNATURE_BLOCK_RECT,
  type SigningFixtures,
  type TestOfficial,
} from '../support/signing-fixtures';

/** Co-signing, a certificate from another CA, and revocation. */
describe('signatures by several certificates', () => {
  let f: SigningFixtures;
  let letter: Buffer;
  let first: Buffer;
  let second: Buffer;
  const statusOf = jest.fn(async (): Promise<CertificateStatus> => 'active');
  const trust = () => ({ rootsPem: [f.rootPem], statusOf });

  function sign(pdf: Buffer, official: TestOfficial, rect: SignPdfInput['widget'] = null): Promise<Buffer> {
    return signPdf(pdf, {
      privateKey: official.privateKey,
      chainPem: official.chainPem,
      signerName: official.name,
      reason: 'Persetujuan naskah dinas',
      location: 'Teluk Kuantan',
      widget: rect,
    });
  }

  beforeAll(async () => {
    [f, letter] = await Promise.all([createSigningFixtures(), renderTestLetter()]);
    first = await sign(letter, f.official, { pageIndex: 0, rect: SIGNATURE_BLOCK_RECT });
    second = await sign(first, f.coSigner, { pageIndex: 0, rect: CO_SIGNATURE_BLOCK_RECT });
  });
  beforeEach(() => statusOf.mockClear());

  describe('two signatures in sequence on the same page', () => {
    it('keeps the once-signed file as an exact prefix', () => {
      expect(second.subarray(0, first.length).equals(first)).toBe(true);
    });

    it('are both valid and trusted in pdfsig, the first covering only its own revision', async () => {
      const { signatures } = await runPdfsig(second, f.rootPem);
      expect(signatures).toEqual([
        expect.objectContaining({
          fieldName: 'Tanda Tangan 1',
          commonName: f.official.name,
          signatureValid: true,
          certificateTrusted: true,
          totalDocumentSigned: false,
        }),
        expect.objectContaining({
          fieldName: 'Tanda Tangan 2',
          commonName: f.coSigner.name,
          signatureValid: true,
          certificateTrusted: true,
          totalDocumentSigned: true,
        }),
      ]);
    });

    it('both pass openssl cms -verify', async () => {
      expect((await opensslVerify(second, f.rootPem, 0)).ok).toBe(true);
      expect((await opensslVerify(second, f.rootPem, 1)).ok).toBe(true);
    });

    it('are both intact and trusted in pyHanko, which accepts the second revision as signing only', async () => {
      const result = await pyhankoValidate(second, f.rootPem);
      expect(result.ok).toBe(true);
      expect(result.signatures.map((s) => [s.fieldName, s.summary])).toEqual([
        ['Tanda Tangan 1', 'INTACT:TRUSTED,EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS'],
        ['Tanda Tangan 2', 'INTACT:TRUSTED,UNTOUCHED'],
      ]);
    });

    it('are both valid in verifyPdf, in signing order, the first still covering its original range', async () => {
      const result = await verifyPdf(second, trust());
      expect(result.valid).toBe(true);
      expect(result.modifiedAfterLastSignature).toBe(false);
      expect(result.signatures).toEqual([
        expect.objectContaining({
          index: 1,
          signerName: f.official.name,
          nip: f.official.nip,
          integrity: true,
          chainTrusted: true,
          coversDocumentUntil: first.length,
          problems: [],
        }),
        expect.objectContaining({
          index: 2,
          signerName: f.coSigner.name,
          nip: f.coSigner.nip,
          integrity: true,
          chainTrusted: true,
          coversDocumentUntil: second.length,
          problems: [],
        }),
      ]);
      expect(statusOf.mock.calls).toEqual([[f.official.serialHex], [f.coSigner.serialHex]]);
    });

    it('puts both widgets on the page with their own rectangles and distinct field names', async () => {
      expect(await readSignatureWidgets(second)).toEqual([
        expect.objectContaining({ pageIndex: 0, fieldName: 'Tanda Tangan 1', rect: SIGNATURE_BLOCK_RECT }),
        expect.objectContaining({ pageIndex: 0, fieldName: 'Tanda Tangan 2', rect: CO_SIGNATURE_BLOCK_RECT }),
      ]);
    });

    it('a change to the first revision breaks both, since the second signature covers it too', async () => {
      const tampered = Buffer.from(second);
      tampered[Math.floor(letter.length / 2)] ^= 0x01;
      const result = await verifyPdf(tampered, trust());
      expect(result.valid).toBe(false);
      expect(result.signatures.map((s) => s.integrity)).toEqual([false, false]);
      const { signatures } = await runPdfsig(tampered, f.rootPem);
      expect(signatures.map((s) => s.signatureValid)).toEqual([false, false]);
    });
  });

  describe('a certificate from another CA under the same names', () => {
    let foreign: Buffer;
    beforeAll(async () => {
      foreign = await sign(letter, f.foreign.official, { pageIndex: 0, rect: SIGNATURE_BLOCK_RECT });
    });

    it('is intact but not trusted in verifyPdf, and its serial is never looked up', async () => {
      const result = await verifyPdf(foreign, trust());
      expect(result.valid).toBe(false);
      expect(result.signatures[0]).toMatchObject({
        signerName: f.foreign.official.name,
        integrity: true,
        chainTrusted: false,
        certificateStatus: 'unknown',
        problems: ['Sertifikat tidak diterbitkan oleh CA Pemerintah Kabupaten Kuantan Singingi.'],
      });
      expect(statusOf).not.toHaveBeenCalled();
    });

    it('is not trusted in pdfsig, though its signature is valid', async () => {
      const { signatures } = await runPdfsig(foreign, f.rootPem);
      expect(signatures[0]).toMatchObject({ signatureValid: true, certificateTrusted: false });
      expect(signatures[0].certificateValidation).toBe("Certificate issuer isn't Trusted.");
    });

    it('is trusted when its own root is among the trusted ones', async () => {
      const result = await verifyPdf(foreign, { rootsPem: [f.rootPem, f.foreign.rootPem], statusOf });
      expect(result.valid).toBe(true);
    });
  });

  describe('revocation', () => {
    it('makes a signature invalid once the CA says the certificate is revoked', async () => {
      statusOf.mockResolvedValueOnce('revoked');
      const result = await verifyPdf(first, trust());
      expect(result.valid).toBe(false);
      expect(result.signatures[0]).toMatchObject({
        integrity: true,
        chainTrusted: true,
        certificateStatus: 'revoked',
        problems: ['Sertifikat telah dicabut.'],
      });
    });

    it('leaves a signature made while the certificate was valid valid after it expires', async () => {
      statusOf.mockResolvedValueOnce('expired');
      const result = await verifyPdf(first, trust());
      expect(result.valid).toBe(true);
      expect(result.signatures[0]).toMatchObject({ certificateStatus: 'expired', problems: [] });
    });

    it('refuses a certificate of the regency root that the CA has no record of', async () => {
      statusOf.mockResolvedValueOnce('unknown');
      const result = await verifyPdf(first, trust());
      expect(result.valid).toBe(false);
      expect(result.signatures[0]).toMatchObject({
        chainTrusted: true,
        certificateStatus: 'unknown',
        problems: ['Sertifikat tidak tercatat di CA Pemerintah Kabupaten Kuantan Singingi.'],
      });
    });
  });
});

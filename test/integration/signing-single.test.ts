import { createPublicKey } from 'node:crypto';
import { inspect } from 'node:util';
import { SigningError, PdfFormatError } from '../../lib/signing/signing-errors';
import { signPdf, type SignPdfInput } from '../../lib/signing/sign-pdf';
import { verifyPdf, type CertificateStatus } from '../../lib/signing/verify-pdf';
import {
  cmsCertificateSubjects,
  extractSignature,
  opensslVerify,
  pyhankoStructure,
  pyhankoValidate,
  readSignatureWidgets,
  runPdfsig,
} from '../support/pdf-validators';
import {
  createSigningFixtures,
  renderTestLetter,
  SIGNATURE_BLOCK_RECT,
  type SigningFixtures,
} from '../support/signing-fixtures';

/** One official signs a Chromium letter once; four validators read the result independently. */
describe('a PDF signed once', () => {
  let f: SigningFixtures;
  let letter: Buffer;
  let signed: Buffer;
  let input: SignPdfInput;
  const statusOf = jest.fn(async (): Promise<CertificateStatus> => 'active');
  const trust = () => ({ rootsPem: [f.rootPem], statusOf });

  beforeAll(async () => {
    [f, letter] = await Promise.all([createSigningFixtures(), renderTestLetter()]);
    input = {
      privateKey: f.official.privateKey,
      chainPem: f.official.chainPem,
      signerName: f.official.name,
      reason: 'Persetujuan naskah dinas',
      location: 'Teluk Kuantan',
      widget: { pageIndex: 0, rect: SIGNATURE_BLOCK_RECT },
    };
    signed = await signPdf(letter, input);
  });
  beforeEach(() => statusOf.mockClear());

  it('appends an incremental update: the input is an exact prefix of the output', () => {
    expect(signed.length).toBeGreaterThan(letter.length);
    expect(signed.subarray(0, letter.length).equals(letter)).toBe(true);
    // Chromium writes a classic cross-reference table; the update chains to it.
    expect(letter.toString('latin1')).toMatch(/\nxref\n0 \d+\n/);
    expect(signed.subarray(letter.length).toString('latin1')).toMatch(/trailer\n<<\/Size \d+ .*\/Prev \d+>>/);
  });

  it('writes a PAdES B-B signature: ETSI.CAdES.detached, signing-certificate-v2, no signing-time, whole chain', async () => {
    const update = signed.subarray(letter.length).toString('latin1');
    expect(update).toContain('/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached');
    expect(update).toMatch(/\/M \(D:\d{14}Z\)/);

    const [structure] = await pyhankoStructure(signed);
    expect(structure).toEqual({
      fieldName: 'Tanda Tangan 1',
      subFilter: '/ETSI.CAdES.detached',
      signedAttributes: ['content_type', 'message_digest', 'signing_certificate_v2'],
      unsignedAttributes: [],
      level: 'B-B',
    });
    const subjects = await cmsCertificateSubjects(extractSignature(signed).cms);
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toContain(f.official.nip);
    expect(subjects[1]).toContain('Root CA Pemerintah Kabupaten Kuantan Singingi');
  });

  it('is valid and trusted in pdfsig (NSS) with the root in the store', async () => {
    const { output, signatures } = await runPdfsig(signed, f.rootPem);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      fieldName: 'Tanda Tangan 1',
      commonName: f.official.name,
      signatureType: 'ETSI.CAdES.detached',
      signatureValid: true,
      certificateTrusted: true,
      totalDocumentSigned: true,
    });
    expect(output).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('passes openssl cms -verify over exactly the ByteRange bytes', async () => {
    const result = await opensslVerify(signed, f.rootPem);
    expect(result).toEqual({ ok: true, output: expect.stringContaining('CMS Verification successful') });
  });

  it('is intact and trusted in pyHanko AdES validation', async () => {
    const result = await pyhankoValidate(signed, f.rootPem);
    expect(result.ok).toBe(true);
    expect(result.signatures).toEqual([
      { fieldName: 'Tanda Tangan 1', summary: 'INTACT:TRUSTED,UNTOUCHED', intact: true, trusted: true },
    ]);
  });

  it('is valid in verifyPdf, naming the signer from the certificate', async () => {
    const result = await verifyPdf(signed, trust());
    expect(result).toEqual({
      valid: true,
      modifiedAfterLastSignature: false,
      problems: [],
      signatures: [
        {
          index: 1,
          signerName: f.official.name,
          nip: f.official.nip,
          position: f.official.position,
          opd: f.official.opd,
          serial: f.official.serialHex,
          signedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
          integrity: true,
          chainTrusted: true,
          certificateStatus: 'active',
          coversDocumentUntil: signed.length,
          problems: [],
        },
      ],
    });
    expect(statusOf).toHaveBeenCalledWith(f.official.serialHex);
    expect(Math.abs(Date.parse(result.signatures[0].signedAt!) - Date.now())).toBeLessThan(120_000);
  });

  it('puts the widget on the requested page with the requested rectangle', async () => {
    expect(await readSignatureWidgets(signed)).toEqual([
      {
        pageIndex: 0,
        fieldName: 'Tanda Tangan 1',
        rect: SIGNATURE_BLOCK_RECT,
        flags: 132,
        subFilter: '/ETSI.CAdES.detached',
        signerName: f.official.name,
      },
    ]);
    const onPageTwo = await signPdf(letter, {
      ...input,
      widget: { pageIndex: 1, rect: [72, 600, 272, 700] },
    });
    expect(await readSignatureWidgets(onPageTwo)).toEqual([
      expect.objectContaining({ pageIndex: 1, rect: [72, 600, 272, 700] }),
    ]);
    const invisible = await signPdf(letter, { ...input, widget: null });
    expect(await readSignatureWidgets(invisible)).toEqual([expect.objectContaining({ rect: [0, 0, 0, 0] })]);
    expect((await verifyPdf(invisible, trust())).valid).toBe(true);
  });

  it('refuses a page the document does not have', async () => {
    const promise = signPdf(letter, { ...input, widget: { pageIndex: 2, rect: SIGNATURE_BLOCK_RECT } });
    await expect(promise).rejects.toThrow(new SigningError('Halaman 3 tidak ada di dokumen.'));
  });

  it('refuses a public key, and a chain too long for the room reserved in /Contents', async () => {
    const publicKey = createPublicKey(f.official.privateKey);
    await expect(signPdf(letter, { ...input, privateKey: publicKey })).rejects.toThrow(
      new SigningError('Kunci penandatanganan harus berupa kunci privat RSA.'),
    );
    const longChain = [...f.official.chainPem, ...Array<string>(8).fill(f.rootPem)];
    await expect(signPdf(letter, { ...input, chainPem: longChain })).rejects.toThrow(
      new SigningError('Dokumen gagal ditandatangani karena kesalahan internal.'),
    );
  });

  describe('with one byte flipped inside the signed range', () => {
    let tampered: Buffer;
    beforeAll(() => {
      tampered = Buffer.from(signed);
      // Inside the original letter (first range), in the middle of some stream: the file still parses.
      tampered[Math.floor(letter.length / 2)] ^= 0x01;
    });

    it('fails in pdfsig', async () => {
      const { signatures } = await runPdfsig(tampered, f.rootPem);
      expect(signatures).toHaveLength(1);
      expect(signatures[0].signatureValid).toBe(false);
      expect(signatures[0].signatureValidation).toBe('Digest Mismatch.');
    });

    it('fails in openssl cms -verify', async () => {
      const result = await opensslVerify(tampered, f.rootPem);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/CMS Verification failure[\s\S]*content verify error/);
    });

    it('fails in pyHanko', async () => {
      const result = await pyhankoValidate(tampered, f.rootPem);
      expect(result.ok).toBe(false);
      expect(result.signatures).toEqual([expect.objectContaining({ summary: 'INVALID', intact: false })]);
    });

    it('fails in verifyPdf with an Indonesian explanation', async () => {
      const result = await verifyPdf(tampered, trust());
      expect(result.valid).toBe(false);
      expect(result.signatures[0]).toMatchObject({
        integrity: false,
        chainTrusted: true,
        problems: ['Isi dokumen telah diubah setelah ditandatangani.'],
      });
    });
  });

  it('reports bytes appended after the signature as an unsigned modification', async () => {
    const appended = Buffer.concat([signed, Buffer.from('1 0 obj\n<</Title (Palsu)>>\nendobj\n')]);
    const result = await verifyPdf(appended, trust());
    expect(result.valid).toBe(false);
    expect(result.modifiedAfterLastSignature).toBe(true);
    expect(result.problems).toEqual(['Dokumen telah diubah setelah tanda tangan terakhir dibubuhkan.']);
    // The signature itself is intact: it covers everything up to where the appended bytes begin.
    expect(result.signatures[0]).toMatchObject({ integrity: true, coversDocumentUntil: signed.length });
    const { signatures } = await runPdfsig(appended, f.rootPem);
    expect(signatures[0].totalDocumentSigned).toBe(false);
  });

  it('reports, never throws, whatever damage a signature or the file takes', async () => {
    const { byteRange, cms } = extractSignature(signed);
    const dictionaryStart = signed.lastIndexOf('/Type /Sig', byteRange[1]);
    const cmsEnd = byteRange[1] + 1 + cms.length * 2;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const damaged: Buffer[] = [];
    for (let i = 0; i < 120; i += 1) {
      // Anywhere from the signature dictionary to the end of the DER inside /Contents.
      const copy = Buffer.from(signed);
      const at = dictionaryStart + random(cmsEnd - dictionaryStart);
      copy[at] = '0123456789abcdef/<>[] ('.charCodeAt(random(23));
      damaged.push(copy);
    }
    for (let i = 0; i < 20; i += 1) damaged.push(signed.subarray(0, random(signed.length)));
    for (const pdf of damaged) {
      const result = await verifyPdf(pdf, trust());
      expect(typeof result.valid).toBe('boolean');
      if (!result.valid)
        expect([...result.problems, ...result.signatures.flatMap((s) => s.problems)]).not.toEqual([]);
    }
  });

  it('says a PDF without signatures is not valid', async () => {
    expect(await verifyPdf(letter, trust())).toEqual({
      valid: false,
      signatures: [],
      modifiedAfterLastSignature: false,
      problems: ['Dokumen ini tidak memiliki tanda tangan elektronik.'],
    });
  });

  describe('never lets the private key reach an error or a log', () => {
    const written: string[] = [];
    let spies: jest.SpyInstance[];
    beforeEach(() => {
      written.length = 0;
      const capture = (chunk: unknown) => {
        written.push(String(chunk));
        return true;
      };
      spies = [
        jest.spyOn(process.stdout, 'write').mockImplementation(capture),
        jest.spyOn(process.stderr, 'write').mockImplementation(capture),
        ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
          jest.spyOn(console, m).mockImplementation((...args) => void written.push(inspect(args))),
        ),
      ];
    });
    afterEach(() => spies.forEach((s) => s.mockRestore()));

    /** Every long base64 line of the PEM, and the key's DER in hex: none may appear anywhere. */
    function expectNoKeyMaterial(texts: string[]) {
      const pem = f.official.privateKeyPem;
      const lines = pem.split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----'));
      const derHex = f.official.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('hex');
      const haystack = texts.join('\n');
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) expect(haystack).not.toContain(line);
      expect(haystack).not.toContain(derHex.slice(600, 664));
    }

    async function failureOf(pdf: Buffer, overrides: Partial<SignPdfInput>): Promise<Error> {
      const error = await signPdf(pdf, { ...input, ...overrides }).then(
        () => new Error('signing unexpectedly succeeded'),
        (e: Error) => e,
      );
      return error;
    }

    function everythingSaidAbout(error: Error): string[] {
      return [
        error.message,
        String(error.stack),
        inspect(error, { depth: 10, showHidden: true }),
        JSON.stringify(error),
        ...written,
      ];
    }

    it('for a PDF it cannot read', async () => {
      const error = await failureOf(Buffer.from('%PDF-1.7\nbukan PDF yang utuh\n%%EOF\n'), {});
      expect(error).toBeInstanceOf(PdfFormatError);
      expect(error.message).toMatch(/^Struktur PDF rusak/);
      expectNoKeyMaterial(everythingSaidAbout(error));
    });

    it('for a key that does not belong to the certificate', async () => {
      const error = await failureOf(letter, { chainPem: f.coSigner.chainPem });
      expect(error).toEqual(new SigningError('Kunci privat tidak cocok dengan sertifikat penandatangan.'));
      expectNoKeyMaterial(everythingSaidAbout(error));
    });

    it('for a certificate that is not one', async () => {
      const error = await failureOf(letter, { chainPem: [f.official.privateKeyPem] });
      expect(error).toEqual(new SigningError('Sertifikat penandatangan tidak valid.'));
      expectNoKeyMaterial(everythingSaidAbout(error));
    });

    it('for a successful signature, which logs nothing', async () => {
      const output = await signPdf(letter, input);
      expectNoKeyMaterial([output.toString('latin1'), ...written]);
      expect(written).toEqual([]);
    });
  });
});

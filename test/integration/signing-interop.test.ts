import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfFormatError } from '../../lib/signing/signing-errors';
import { signPdf } from '../../lib/signing/sign-pdf';
import { verifyPdf, type CertificateStatus } from '../../lib/signing/verify-pdf';
import {
  pdfsigSign,
  pyhankoSign,
  pyhankoValidate,
  readSignatureWidgets,
  runPdfsig,
} from '../support/pdf-validators';
import {
  CO_SIGNATURE_BLOCK_RECT,
  createSigningFixtures,
  renderTestLetter,
  SIGNATURE_BLOCK_RECT,
  type SigningFixtures,
  type TestOfficial,
} from '../support/signing-fixtures';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';

/** PDFs not made by Chromium, signatures not made by us, and inputs signPdf must refuse. */
describe('signing other PDFs and verifying others’ signatures', () => {
  let f: SigningFixtures;
  let letter: Buffer;
  const statusOf = jest.fn(async (): Promise<CertificateStatus> => 'active');
  const trust = () => ({ rootsPem: [f.rootPem], statusOf });

  function sign(pdf: Buffer, official: TestOfficial, pageIndex: number, rect = SIGNATURE_BLOCK_RECT) {
    return signPdf(pdf, {
      privateKey: official.privateKey,
      chainPem: official.chainPem,
      signerName: official.name,
      reason: 'Persetujuan naskah dinas',
      location: 'Teluk Kuantan',
      widget: { pageIndex, rect },
    });
  }

  beforeAll(async () => {
    [f, letter] = await Promise.all([createSigningFixtures(), renderTestLetter()]);
  });

  describe('a pdf-lib PDF with cross-reference and object streams and a form with a text field', () => {
    let source: Buffer;
    let once: Buffer;
    let twice: Buffer;
    beforeAll(async () => {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (const title of ['Surat Edaran', 'Lampiran'])
        doc.addPage().drawText(title, { x: 72, y: 760, font });
      doc.getForm().createTextField('nomor_surat').addToPage(doc.getPage(0), { x: 72, y: 700 });
      source = Buffer.from(await doc.save({ useObjectStreams: true }));
      once = await sign(source, f.official, 1);
      twice = await sign(once, f.coSigner, 1, CO_SIGNATURE_BLOCK_RECT);
    });

    it('appends cross-reference streams, as the file already uses them', () => {
      expect(source.toString('latin1')).toContain('/Type /XRef');
      expect(source.toString('latin1')).not.toMatch(/\bxref\s/);
      expect(once.subarray(0, source.length).equals(source)).toBe(true);
      expect(twice.subarray(0, once.length).equals(once)).toBe(true);
      expect(twice.subarray(once.length).toString('latin1')).toMatch(/<<\/Type \/XRef .*\/Prev \d+/);
    });

    it('keeps the existing field and adds the signatures on page 2', async () => {
      const form = (await PDFDocument.load(twice, { updateMetadata: false })).getForm();
      expect(form.getFields().map((field) => field.getName())).toEqual([
        'nomor_surat',
        'Tanda Tangan 1',
        'Tanda Tangan 2',
      ]);
      expect((await readSignatureWidgets(twice)).map((w) => [w.pageIndex, w.rect])).toEqual([
        [1, SIGNATURE_BLOCK_RECT],
        [1, CO_SIGNATURE_BLOCK_RECT],
      ]);
    });

    it('is valid in pdfsig, pyHanko and verifyPdf', async () => {
      const pdfsig = await runPdfsig(twice, f.rootPem);
      expect(pdfsig.signatures.map((s) => [s.signatureValid, s.certificateTrusted])).toEqual([
        [true, true],
        [true, true],
      ]);
      expect((await pyhankoValidate(twice, f.rootPem)).ok).toBe(true);
      const result = await verifyPdf(twice, trust());
      expect(result.valid).toBe(true);
      expect(result.signatures.map((s) => s.coversDocumentUntil)).toEqual([once.length, twice.length]);
    });
  });

  describe('next to a PAdES signature made by pyHanko', () => {
    let byPyhanko: Buffer;
    let both: Buffer;
    beforeAll(async () => {
      byPyhanko = await pyhankoSign(letter, f.coSigner, `1/${CO_SIGNATURE_BLOCK_RECT.join(',')}/Pengesah`);
      both = await sign(byPyhanko, f.official, 0);
    });

    it('verifies pyHanko’s signature', async () => {
      const result = await verifyPdf(byPyhanko, trust());
      expect(result.valid).toBe(true);
      expect(result.signatures[0]).toMatchObject({ signerName: f.coSigner.name, nip: f.coSigner.nip });
    });

    it('adds a second signature that keeps the first valid everywhere', async () => {
      expect(both.subarray(0, byPyhanko.length).equals(byPyhanko)).toBe(true);
      const pdfsig = await runPdfsig(both, f.rootPem);
      expect(pdfsig.signatures.map((s) => [s.fieldName, s.signatureValid, s.certificateTrusted])).toEqual([
        ['Pengesah', true, true],
        ['Tanda Tangan 1', true, true],
      ]);
      const pyhanko = await pyhankoValidate(both, f.rootPem);
      expect(pyhanko.ok).toBe(true);
      const result = await verifyPdf(both, trust());
      expect(result.valid).toBe(true);
      expect(result.signatures.map((s) => s.signerName)).toEqual([f.coSigner.name, f.official.name]);
    });
  });

  it('verifies a legacy adbe.pkcs7.detached signature made by pdfsig (NSS)', async () => {
    const byPoppler = await pdfsigSign(letter, f.official);
    expect(byPoppler.toString('latin1')).toContain('/SubFilter /adbe.pkcs7.detached');
    const result = await verifyPdf(byPoppler, trust());
    expect(result.valid).toBe(true);
    expect(result.signatures[0]).toMatchObject({
      signerName: f.official.name,
      integrity: true,
      problems: [],
    });
  });

  it('writes names outside ASCII as UTF-16 text strings that still verify', async () => {
    const signed = await signPdf(letter, {
      privateKey: f.official.privateKey,
      chainPem: f.official.chainPem,
      signerName: 'Hj. Siti Nur’aini — Kepala Bagian Umum',
      reason: 'Persetujuan (tahap 1) \\ final',
      location: 'Teluk Kuantan',
      contactInfo: 'umum@kuansing.go.id',
      widget: { pageIndex: 0, rect: SIGNATURE_BLOCK_RECT },
    });
    expect((await readSignatureWidgets(signed))[0].signerName).toBe('Hj. Siti Nur’aini — Kepala Bagian Umum');
    expect(signed.toString('latin1')).toContain('/Reason (Persetujuan \\(tahap 1\\) \\\\ final)');
    expect((await runPdfsig(signed, f.rootPem)).signatures[0].signatureValid).toBe(true);
    expect((await verifyPdf(signed, trust())).valid).toBe(true);
  });

  it('refuses an encrypted PDF', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-enc-'));
    try {
      fs.writeFileSync(path.join(dir, 'in.pdf'), letter);
      const pyhanko = path.join(projectRoot, '.tools', 'venv', 'bin', 'pyhanko');
      execFileSync(pyhanko, ['encrypt', '--password', 'rahasia', 'in.pdf', 'out.pdf'], { cwd: dir });
      const encrypted = fs.readFileSync(path.join(dir, 'out.pdf'));
      await expect(sign(encrypted, f.official, 0)).rejects.toThrow(
        new PdfFormatError('PDF terenkripsi tidak dapat ditandatangani.'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a ByteRange that leaves more than the signature unsigned', async () => {
    const signed = await sign(letter, f.official, 0);
    const text = signed.toString('latin1');
    const [whole, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!;
    // The same width, but the gap now also skips the byte before /Contents.
    const shifted = `/ByteRange [${a} ${+b - 1} ${c} ${d}]`.padEnd(whole.length, ' ');
    const forged = Buffer.from(text.replace(whole, shifted), 'latin1');
    const result = await verifyPdf(forged, trust());
    expect(result.valid).toBe(false);
    expect(result.signatures[0].integrity).toBe(false);
    expect(result.signatures[0].problems).toContain(
      'Rentang data yang ditandatangani tidak wajar; tanda tangan tidak dapat dipercaya.',
    );
  });
});

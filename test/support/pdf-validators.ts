import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { projectRoot } from '../../lib/paths';

/**
 * Independent validators of signed PDFs: poppler's pdfsig (NSS), `openssl cms -verify` and pyHanko.
 * None shares code with lib/signing; each reads the file its own way, and the tests read their output.
 */

const PYHANKO = path.join(projectRoot, '.tools', 'venv', 'bin', 'pyhanko');
const PYTHON = path.join(projectRoot, '.tools', 'venv', 'bin', 'python');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool to the end; a non-zero exit is a result here, not an exception. */
function run(file: string, args: string[], cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** A temporary folder holding `files`, removed after `work` whatever happens. */
async function inTempDir<T>(
  files: Record<string, string | Buffer>,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-sig-'));
  try {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfsigSignature {
  fieldName: string;
  commonName: string;
  signatureType: string;
  /** "Signature is Valid." and nothing else. */
  signatureValid: boolean;
  /** "Certificate is Trusted." and nothing else. */
  certificateTrusted: boolean;
  signatureValidation: string;
  certificateValidation: string;
  totalDocumentSigned: boolean;
}

/**
 * pdfsig with a fresh NSS store that trusts only `rootPem`. It runs without -no-ocsp (as the design
 * asks); pdfsig exits 0 even for a broken signature, so the verdicts come from its output.
 */
export function runPdfsig(
  pdf: Buffer,
  rootPem: string,
): Promise<{ output: string; signatures: PdfsigSignature[] }> {
  return inTempDir({ 'file.pdf': pdf, 'root.pem': rootPem }, async (dir) => {
    const nss = `sql:${path.join(dir, 'nss')}`;
    fs.mkdirSync(path.join(dir, 'nss'));
    await expectSuccess(run('certutil', ['-N', '-d', nss, '--empty-password']));
    await expectSuccess(
      run('certutil', ['-A', '-n', 'root', '-t', 'CT,C,C', '-i', 'root.pem', '-d', nss], dir),
    );
    const { stdout, stderr } = await run('pdfsig', ['-nssdir', nss, 'file.pdf'], dir);
    const output = stdout + stderr;
    const blocks = output.split(/^Signature #\d+:$/m).slice(1);
    const signatures = blocks.map((block) => {
      const field = (label: string) => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block)?.[1] ?? '';
      const signatureValidation = field('Signature Validation');
      const certificateValidation = field('Certificate Validation');
      return {
        fieldName: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        signatureType: field('Signature Type'),
        signatureValid: signatureValidation === 'Signature is Valid.',
        certificateTrusted: certificateValidation === 'Certificate is Trusted.',
        signatureValidation,
        certificateValidation,
        totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
      };
    });
    return { output, signatures };
  });
}

/**
 * `openssl cms -verify` of the n-th signature (in file order), over exactly the bytes its /ByteRange
 * names: -binary keeps OpenSSL from rewriting line ends, the default purpose (S/MIME signing) checks
 * the leaf's extended key usage, and -no-CApath/-no-CAstore leave `rootPem` as the only trust anchor.
 */
export function opensslVerify(pdf: Buffer, rootPem: string, n = 0): Promise<{ ok: boolean; output: string }> {
  const { cms, signedBytes } = extractSignature(pdf, n);
  return inTempDir({ 'sig.der': cms, 'signed.bin': signedBytes, 'root.pem': rootPem }, async (dir) => {
    const result = await run(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        'sig.der',
        '-content',
        'signed.bin',
        '-CAfile',
        'root.pem',
        '-no-CApath',
        '-no-CAstore',
        '-out',
        '/dev/null',
      ],
      dir,
    );
    const output = result.stdout + result.stderr;
    return { ok: result.code === 0 && output.includes('CMS Verification successful'), output };
  });
}

/** The n-th /ByteRange in the file, its /Contents as DER (padding cut by the DER length) and signed bytes. */
export function extractSignature(
  pdf: Buffer,
  n = 0,
): { byteRange: number[]; cms: Buffer; signedBytes: Buffer } {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const match = ranges[n];
  if (!match) throw new Error(`no signature #${n} in the PDF`);
  const [a, b, c, d] = match.slice(1).map(Number);
  const hex = text.slice(a + b + 1, c - 1);
  const contents = Buffer.from(hex, 'hex');
  return {
    byteRange: [a, b, c, d],
    cms: contents.subarray(0, derLength(contents)),
    signedBytes: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
  };
}

/** Subjects of the certificates a CMS carries, as OpenSSL prints them, in order. */
export function cmsCertificateSubjects(cms: Buffer): Promise<string[]> {
  return inTempDir({ 'sig.der': cms }, async (dir) => {
    const args = ['pkcs7', '-inform', 'DER', '-in', 'sig.der', '-print_certs', '-noout'];
    const result = await expectSuccess(run('openssl', args, dir));
    return [...result.stdout.matchAll(/^subject=(.*)$/gm)].map((m) => m[1]);
  });
}

function derLength(der: Buffer): number {
  const first = der[1];
  if (first < 0x80) return 2 + first;
  const size = first & 0x7f;
  return 2 + size + der.readUIntBE(2, size);
}

export interface PyhankoSignature {
  fieldName: string;
  /** pyHanko's summary, e.g. `INTACT:TRUSTED,UNTOUCHED`, or `INVALID`. */
  summary: string;
  intact: boolean;
  trusted: boolean;
}

/**
 * pyHanko's AdES validation (ETSI EN 319 102-1, `sign adesverify`) with `rootPem` as the only trust
 * anchor. Revocation is not checked: the test certificates' CRL address does not answer, and
 * revocation is verifyPdf's statusOf's business. `ok` is pyHanko's bottom line (exit status 0).
 */
export function pyhankoValidate(
  pdf: Buffer,
  rootPem: string,
): Promise<{ ok: boolean; output: string; signatures: PyhankoSignature[] }> {
  return inTempDir({ 'file.pdf': pdf, 'root.pem': rootPem }, async (dir) => {
    const result = await run(
      PYHANKO,
      ['sign', 'adesverify', '--trust', 'root.pem', '--trust-replace', '--no-revocation-check', 'file.pdf'],
      dir,
    );
    // One line per signature: `field:sha256 of the signer certificate:summary`.
    const signatures = [...result.stdout.matchAll(/^(.+):([0-9a-f]{64}):(.+)$/gm)].map((m) => ({
      fieldName: m[1],
      summary: m[3],
      intact: m[3].startsWith('INTACT:'),
      trusted: /^INTACT:TRUSTED\b/.test(m[3]),
    }));
    return { ok: result.code === 0, output: result.stdout + result.stderr, signatures };
  });
}

/** What pyHanko's own parser (asn1crypto) reads in each signature, for classifying its PAdES level. */
export interface PyhankoStructure {
  fieldName: string;
  subFilter: string;
  signedAttributes: string[];
  unsignedAttributes: string[];
  /**
   * 'B-B' when the structure meets PAdES baseline B-B (ETSI EN 319 142-1 §6.3): SubFilter
   * ETSI.CAdES.detached, signing-certificate-v2 signed, no signing-time. pyHanko 0.38 has no level
   * classifier (nor has its CLI), so this rule is ours; the reading of the file is pyHanko's.
   */
  level: 'B-B' | null;
}

const STRUCTURE_SCRIPT = `
import json, sys
from pyhanko.pdf_utils.reader import PdfFileReader
with open(sys.argv[1], 'rb') as f:
    out = []
    for s in PdfFileReader(f).embedded_regular_signatures:
        info = s.signer_info
        names = lambda attrs: [a['type'].native for a in attrs] if attrs.native is not None else []
        out.append({'fieldName': s.field_name, 'subFilter': str(s.sig_object['/SubFilter']),
                    'signedAttributes': names(info['signed_attrs']),
                    'unsignedAttributes': names(info['unsigned_attrs'])})
    print(json.dumps(out))
`;

export function pyhankoStructure(pdf: Buffer): Promise<PyhankoStructure[]> {
  return inTempDir({ 'file.pdf': pdf }, async (dir) => {
    const result = await expectSuccess(run(PYTHON, ['-c', STRUCTURE_SCRIPT, 'file.pdf'], dir));
    const parsed = JSON.parse(result.stdout) as Omit<PyhankoStructure, 'level'>[];
    return parsed.map((s) => {
      const baseline =
        s.subFilter === '/ETSI.CAdES.detached' &&
        s.signedAttributes.includes('signing_certificate_v2') &&
        !s.signedAttributes.includes('signing_time');
      return { ...s, level: baseline ? 'B-B' : null };
    });
  });
}

async function expectSuccess(pending: Promise<Run>): Promise<Run> {
  const result = await pending;
  if (result.code !== 0) throw new Error(`tool failed (${result.code}): ${result.stdout}${result.stderr}`);
  return result;
}

export interface SignatureWidget {
  pageIndex: number;
  fieldName: string;
  rect: number[];
  flags: number;
  subFilter: string | undefined;
  /** The signature dictionary's /Name, decoded (PDFDocEncoding or UTF-16). */
  signerName: string | undefined;
}

/** Every signature widget, page by page, as pdf-lib reads them (read-only: never saved). */
export async function readSignatureWidgets(pdf: Buffer): Promise<SignatureWidget[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const text = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  return doc.getPages().flatMap((page, pageIndex) => {
    const annots = page.node.Annots();
    if (!annots) return [];
    return annots
      .asArray()
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((annot) => annot.get(PDFName.of('FT')) === PDFName.of('Sig'))
      .map((annot) => {
        const sig = annot.lookup(PDFName.of('V'), PDFDict);
        return {
          pageIndex,
          fieldName: text(annot.get(PDFName.of('T'))) ?? '',
          rect: annot
            .lookup(PDFName.of('Rect'), PDFArray)
            .asArray()
            .map((n) => (n as PDFNumber).asNumber()),
          flags: annot.lookup(PDFName.of('F'), PDFNumber).asNumber(),
          subFilter: sig.get(PDFName.of('SubFilter'))?.toString(),
          signerName: text(sig.get(PDFName.of('Name'))),
        };
      });
  });
}

/** Key material of a signer, as the third-party signers below need it on disk. */
export interface ThirdPartySigner {
  privateKeyPem: string;
  certificatePem: string;
  chainPem: string[];
}

/**
 * pyHanko signs (PAdES B-B, its own CMS and incremental writer) with a new visible field on page 1;
 * for testing that verifyPdf reads others' signatures and signPdf adds to them.
 */
export function pyhankoSign(pdf: Buffer, signer: ThirdPartySigner, field: string): Promise<Buffer> {
  const files = { 'in.pdf': pdf, 'key.pem': signer.privateKeyPem, 'cert.pem': signer.certificatePem };
  return inTempDir({ ...files, 'root.pem': signer.chainPem[signer.chainPem.length - 1] }, async (dir) => {
    const args = ['sign', 'addsig', '--field', field, '--use-pades', '--reason', 'Uji interoperabilitas'];
    const pemder = ['pemder', '--key', 'key.pem', '--cert', 'cert.pem', '--chain', 'root.pem', '--no-pass'];
    await expectSuccess(run(PYHANKO, [...args, ...pemder, 'in.pdf', 'out.pdf'], dir));
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  });
}

/** poppler's pdfsig signs (legacy adbe.pkcs7.detached, SHA-256, NSS's CMS) with the key in a temporary NSS store. */
export function pdfsigSign(pdf: Buffer, signer: ThirdPartySigner): Promise<Buffer> {
  const files = { 'in.pdf': pdf, 'key.pem': signer.privateKeyPem, 'cert.pem': signer.certificatePem };
  return inTempDir(files, async (dir) => {
    const nss = `sql:${path.join(dir, 'nss')}`;
    fs.mkdirSync(path.join(dir, 'nss'));
    const p12 = ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-name', 'signer'];
    await expectSuccess(run('openssl', [...p12, '-passout', 'pass:uji', '-out', 'signer.p12'], dir));
    await expectSuccess(run('certutil', ['-N', '-d', nss, '--empty-password']));
    await expectSuccess(run('pk12util', ['-i', 'signer.p12', '-d', nss, '-W', 'uji'], dir));
    const sign = ['-nssdir', nss, '-add-signature', '-nick', 'signer', '-reason', 'Uji', 'in.pdf', 'out.pdf'];
    await expectSuccess(run('pdfsig', sign, dir));
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  });
}

import { certificateSerialHex } from './certificate-serial-hex';
import { checkCertificateChain } from './check-certificate-chain';
import { describeSigner } from './describe-signer';
import { findSignatures, type FoundSignature } from './find-signatures';
import { parsePdfDate } from './pdf/parse-pdf-date';
import { verifyCmsSignature } from './verify-cms-signature';

export type { CertificateStatus } from '../pki/certificate-status';
import type { CertificateStatus } from '../pki/certificate-status';

export interface PdfSignatureVerification {
  /** Position in signing order (by how far the signature reaches into the file), from 1. */
  index: number;
  signerName: string;
  nip: string | null;
  position: string | null;
  opd: string | null;
  /** The signer certificate's serial in certificateSerialHex's format; '' when there is none. */
  serial: string;
  /** The claimed signing time (/M) as ISO 8601 UTC. Claimed by the signer's software, not proven. */
  signedAt: string | null;
  /** The digest matches the ByteRange bytes and the signature over the signed attributes verifies. */
  integrity: boolean;
  chainTrusted: boolean;
  /** What the CA says; 'unknown' without asking when the chain is not trusted. */
  certificateStatus: CertificateStatus;
  /** Byte offset where the signed bytes end: the file's length for the last signature of an unmodified file. */
  coversDocumentUntil: number;
  problems: string[];
}

export interface PdfVerification {
  /** At least one signature, every one intact, trusted and not revoked, nothing unsigned after the last. */
  valid: boolean;
  signatures: PdfSignatureVerification[];
  modifiedAfterLastSignature: boolean;
  problems: string[];
}

export interface TrustSettings {
  rootsPem: string[];
  /** Asked only for certificates issued by one of the roots; serial format: see certificateSerialHex. */
  statusOf(serialHex: string): Promise<CertificateStatus>;
}

const PDF_PROBLEM = {
  unsigned: 'Dokumen ini tidak memiliki tanda tangan elektronik.',
  modifiedAfterSigning: 'Dokumen telah diubah setelah tanda tangan terakhir dibubuhkan.',
  badByteRange: 'Rentang data yang ditandatangani tidak wajar; tanda tangan tidak dapat dipercaya.',
  revoked: 'Sertifikat telah dicabut.',
  unknownCertificate: 'Sertifikat tidak tercatat di CA Pemerintah Kabupaten Kuantan Singingi.',
} as const;

/**
 * Verifies every signature in a PDF on its own (byte ranges, CMS, chain, revocation) and whether
 * bytes were appended after the last one. Never throws for a broken or hostile file: it reports.
 */
export async function verifyPdf(pdf: Buffer, trust: TrustSettings): Promise<PdfVerification> {
  const found = findSignatures(pdf)
    .map((signature) => ({ signature, end: rangeEnd(signature) }))
    .sort((a, b) => a.end - b.end);
  const signatures: PdfSignatureVerification[] = [];
  for (const [i, { signature, end }] of found.entries()) {
    signatures.push(await verifySignature(pdf, signature, i + 1, end, trust));
  }
  const last = signatures[signatures.length - 1];
  const modifiedAfterLastSignature = last !== undefined && last.coversDocumentUntil !== pdf.length;
  const problems = [
    ...(last ? [] : [PDF_PROBLEM.unsigned]),
    ...(modifiedAfterLastSignature ? [PDF_PROBLEM.modifiedAfterSigning] : []),
  ];
  const valid =
    last !== undefined &&
    !modifiedAfterLastSignature &&
    // A certificate under our root that the CA has no record of means a lost database or a stolen root key.
    signatures.every(
      (s) =>
        s.integrity &&
        s.chainTrusted &&
        s.certificateStatus !== 'revoked' &&
        s.certificateStatus !== 'unknown',
    );
  return { valid, signatures, modifiedAfterLastSignature, problems };
}

async function verifySignature(
  pdf: Buffer,
  found: FoundSignature,
  index: number,
  end: number,
  trust: TrustSettings,
): Promise<PdfSignatureVerification> {
  const problems: string[] = [];
  const rangeSane = byteRangeIsSane(pdf, found);
  if (!rangeSane) problems.push(PDF_PROBLEM.badByteRange);
  const [a, b, c, d] = found.byteRange;
  const signedBytes = rangeSane
    ? Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
    : Buffer.alloc(0);
  const cms = verifyCmsSignature(found.contents, signedBytes);
  problems.push(...cms.problems);

  const signedAt = found.claimedTime === null ? null : parsePdfDate(found.claimedTime);
  const signer = cms.signer;
  const who = signer ? describeSigner(signer) : null;
  const serial = signer ? certificateSerialHex(signer) : '';
  const chain = signer
    ? checkCertificateChain(signer, trust.rootsPem, signedAt ? new Date(signedAt) : new Date())
    : { trusted: false, problems: [] };
  problems.push(...chain.problems);
  // Only the regency's CA knows its serials: a foreign certificate's serial could match one of ours.
  const certificateStatus = chain.trusted ? await trust.statusOf(serial) : 'unknown';
  if (certificateStatus === 'revoked') problems.push(PDF_PROBLEM.revoked);
  if (chain.trusted && certificateStatus === 'unknown') problems.push(PDF_PROBLEM.unknownCertificate);

  return {
    index,
    signerName: who?.name ?? 'Tidak diketahui',
    nip: who?.nip ?? null,
    position: who?.position ?? null,
    opd: who?.opd ?? null,
    serial,
    signedAt,
    integrity: rangeSane && cms.integrity,
    chainTrusted: chain.trusted,
    certificateStatus,
    coversDocumentUntil: end,
    problems,
  };
}

/**
 * [0, start of /Contents, end of /Contents, rest] within the file: the only gap is this signature's own
 * /Contents hex string, so every other byte, the signature dictionary included, is signed.
 */
function byteRangeIsSane(pdf: Buffer, found: FoundSignature): boolean {
  const range = found.byteRange;
  const [a, b, c, d] = range;
  return (
    range.length === 4 &&
    range.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    found.contentsIsHex &&
    a === 0 &&
    b === found.contentsStart &&
    c === found.contentsEnd &&
    c + d <= pdf.length
  );
}

function rangeEnd(found: FoundSignature): number {
  const [, , c, d] = found.byteRange;
  return Number.isSafeInteger(c) && Number.isSafeInteger(d) ? c + d : 0;
}

import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { certificateStatus } from '../pki/certificate-status';
import { rootCertificatePem } from '../pki/root-certificate-pem';
import { verifyPdf } from '../signing/verify-pdf';

export interface UploadedPdfVerdict {
  valid: boolean;
  sha256: string;
  /** True when these exact bytes are a PDF e-Office signed and issued. */
  issuedByEoffice: boolean;
  document: { code: string; number: string | null; date: string | null; subject: string | null } | null;
  signers: {
    name: string;
    nip: string | null;
    signedAt: string | null;
    certificateStatus: string;
    problems: string[];
  }[];
  problems: string[];
}

/**
 * Checks a PDF someone uploads: every signature cryptographically, the chain to the regency's root,
 * revocation, and whether the bytes are exactly a PDF e-Office issued.
 */
export async function verifyUploadedPdf(
  db: Knex,
  pki: Config['pki'],
  pdf: Buffer,
): Promise<UploadedPdfVerdict> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const result = await verifyPdf(pdf, {
    rootsPem: [await rootCertificatePem(pki)],
    statusOf: (serial) => certificateStatus(db, serial),
  });
  const issued = await db('files')
    .join('document_signatures', 'document_signatures.output_file_id', 'files.id')
    .join('documents', 'documents.id', 'document_signatures.document_id')
    .where('files.sha256', sha256)
    .first(
      'documents.code',
      'documents.number',
      'documents.document_date',
      'documents.subject',
      'documents.sifat',
    );

  const problems = [...result.problems];
  if (!issued) problems.push('Berkas ini tidak sama persis dengan dokumen yang diterbitkan e-Office.');
  return {
    valid: result.valid && Boolean(issued),
    sha256,
    issuedByEoffice: Boolean(issued),
    document: issued
      ? {
          code: issued.code,
          number: issued.number,
          date: issued.document_date,
          subject: issued.sifat === 'rahasia' ? null : issued.subject,
        }
      : null,
    signers: result.signatures.map((s) => ({
      name: s.signerName,
      nip: s.nip,
      signedAt: s.signedAt,
      certificateStatus: s.certificateStatus,
      problems: s.problems,
    })),
    problems,
  };
}

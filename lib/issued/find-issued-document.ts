import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface IssuedDocumentView {
  code: string;
  kind: string;
  /** Null for letters marked rahasia: the public page shows their metadata only. */
  subject: string | null;
  confidential: boolean;
  number: string | null;
  date: string | null;
  opd: { code: string; name: string };
  sha256: string | null;
  signatures: {
    name: string;
    position: string;
    nip: string | null;
    signedAt: Date;
    certificateSerial: string;
    certificateStatus: string;
  }[];
}

/** What the public verification page may show about the document behind a QR code. */
export async function findIssuedDocument(db: Knex, code: string): Promise<IssuedDocumentView | null> {
  const doc = await db('documents')
    .join('opd', 'opd.id', 'documents.opd_id')
    .leftJoin('files', 'files.id', 'documents.current_file_id')
    .where('documents.code', code)
    .first('documents.*', 'opd.code as opd_code', 'opd.name as opd_name', 'files.sha256');
  if (!doc) return null;
  const signatures = await db('document_signatures')
    .join('certificates', 'certificates.id', 'document_signatures.certificate_id')
    .where('document_signatures.document_id', doc.id)
    .orderBy('document_signatures.id')
    .select(
      'document_signatures.*',
      'certificates.serial',
      'certificates.status',
      'certificates.not_after',
      'certificates.revocation_reason',
    );
  const confidential = doc.sifat === 'rahasia';
  return {
    code: doc.code,
    kind: doc.kind,
    subject: confidential ? null : doc.subject,
    confidential,
    number: doc.number,
    date: doc.document_date,
    opd: { code: doc.opd_code, name: doc.opd_name },
    sha256: doc.sha256 ?? null,
    signatures: signatures.map((s) => ({
      name: s.signer_name,
      position: s.signer_position,
      nip: s.signer_nip,
      signedAt: toDate(s.signed_at) as Date,
      certificateSerial: s.serial,
      certificateStatus:
        s.status === 'active' && (toDate(s.not_after) as Date) < new Date()
          ? 'expired'
          : s.status === 'revoked' && s.revocation_reason === 'superseded'
            ? 'superseded'
            : String(s.status),
    })),
  };
}

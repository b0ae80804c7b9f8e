import { X509Certificate } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { assertCertificateUsable } from '../pki/assert-certificate-usable';
import type { UnlockedSigningKey } from '../pki/unlock-signing-key';
import { signPdf } from '../signing/sign-pdf';
import type { FileStore } from '../storage/file-store';

export interface SignatureBox {
  pageIndex: number;
  rect: [number, number, number, number];
}

export interface SignIssuedDocumentInput {
  documentId: number;
  /** The rendered PDF to sign: the first signature's input, or the document's current file when co-signing. */
  pdf: Buffer;
  signatureBox: SignatureBox | null;
  certificateId: number;
  /** The certificate's key, opened by its holder's passphrase (unlockSigningKey). */
  key: UnlockedSigningKey;
  signerId: number;
  reason?: string;
}

/**
 * Signs a document's PDF with the official's certificate (PAdES, incremental) and records the result:
 * both files, the signature row, the document's current file and the audit row in one transaction.
 */
export async function signIssuedDocument(
  deps: { db: Knex; files: FileStore; pki: Config['pki'] },
  input: SignIssuedDocumentInput,
): Promise<{ fileId: number; sha256: string; signatureId: number }> {
  const { db, files } = deps;
  const document = await db('documents').where({ id: input.documentId }).first();
  if (!document) throw new NotFoundError('Dokumen tidak ditemukan.');
  const certificate = await db('certificates').where({ id: input.certificateId }).first();
  if (!certificate || Number(certificate.user_id) !== input.signerId) {
    throw new ForbiddenError('Sertifikat ini bukan milik penandatangan.');
  }
  const signer = await db('users').where({ id: input.signerId }).first();
  // One instant for the signature's /M and the database row.
  const signedAt = new Date();
  // The key may have been opened minutes ago: a certificate revoked or expired since then signs nothing.
  assertCertificateUsable(certificate, signedAt);
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
  if (fingerprint(input.key.certificatePem) !== fingerprint(String(certificate.certificate_pem))) {
    throw new ForbiddenError('Kunci ini bukan milik sertifikat penandatangan.');
  }
  const { key } = input;
  const signed = await signPdf(input.pdf, {
    privateKey: key.privateKey,
    chainPem: key.chainPem,
    signerName: signer.name,
    reason: input.reason ?? 'Persetujuan naskah dinas',
    location: 'Teluk Kuantan',
    widget: input.signatureBox,
    signingTime: signedAt,
  });

  return db.transaction(async (trx) => {
    // A concurrent signature on the same document would fork it: only the current file may be signed.
    const current = await trx('documents').where({ id: input.documentId }).forUpdate().first();
    const inputFile = await files.put(input.pdf, { mime: 'application/pdf', createdBy: input.signerId }, trx);
    if (current.current_file_id !== null && Number(current.current_file_id) !== inputFile.id) {
      throw new ConflictError(
        'Dokumen telah berubah sejak Anda membukanya. Muat ulang lalu tanda tangani lagi.',
      );
    }
    const output = await files.put(signed, { mime: 'application/pdf', createdBy: input.signerId }, trx);
    const [signatureId] = await trx('document_signatures').insert({
      document_id: input.documentId,
      certificate_id: input.certificateId,
      signer_id: input.signerId,
      signer_name: signer.name,
      signer_position: signer.position,
      signer_nip: signer.nip,
      input_file_id: inputFile.id,
      output_file_id: output.id,
      signed_at: signedAt,
    });
    await trx('documents')
      .where({ id: input.documentId })
      .update({ current_file_id: output.id, updated_at: signedAt });
    await appendAudit(trx, {
      actorId: input.signerId,
      opdId: Number(document.opd_id),
      action: 'document.sign',
      entityType: 'document',
      entityId: input.documentId,
      data: { certificateId: input.certificateId, sha256: output.sha256 },
    });
    return { fileId: output.id, sha256: output.sha256, signatureId: Number(signatureId) };
  });
}

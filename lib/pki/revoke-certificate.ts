import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { Config } from '../config';
import { NotFoundError, ValidationError } from '../errors';
import { buildCrl } from './build-crl';
import { CertificateAlreadyRevokedError } from './pki-errors';

export interface RevokeCertificateInput {
  certificateId: number;
  /** One of REVOCATION_REASONS (gets a reason code in the CRL) or a short free text (max 200). */
  reason: string;
  actorId: number | null;
}

/**
 * Revokes a certificate (status, time, reason and the audit entry in one transaction), then rebuilds
 * the CRL. Should that rebuild fail, the revocation still stands: the database is what
 * certificateStatus and the verification page read, and currentCrl rebuilds a list that lags behind.
 */
export async function revokeCertificate(
  deps: { db: Knex; pki: Config['pki'] },
  input: RevokeCertificateInput,
): Promise<{ serial: string; revokedAt: Date }> {
  const reason = input.reason.trim();
  if (!reason || reason.length > 200) {
    throw new ValidationError('Alasan pencabutan wajib diisi (paling banyak 200 karakter).');
  }
  const revoked = await deps.db.transaction(async (trx) => {
    const row = await trx('certificates')
      .join('users', 'users.id', 'certificates.user_id')
      .where('certificates.id', input.certificateId)
      .forUpdate()
      .first(
        'certificates.id',
        'certificates.serial',
        'certificates.status',
        'certificates.user_id',
        'users.opd_id',
      );
    if (!row) throw new NotFoundError('Sertifikat tidak ditemukan.');
    if (row.status === 'revoked') throw new CertificateAlreadyRevokedError();
    const revokedAt = new Date();
    await trx('certificates')
      .where({ id: row.id })
      .update({ status: 'revoked', revoked_at: revokedAt, revocation_reason: reason });
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: row.opd_id === null ? null : Number(row.opd_id),
      action: 'certificate.revoke',
      entityType: 'certificate',
      entityId: Number(row.id),
      data: { userId: Number(row.user_id), serial: row.serial, reason },
    });
    return { serial: String(row.serial), revokedAt };
  });
  await buildCrl(deps);
  return revoked;
}

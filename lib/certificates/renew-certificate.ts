import { toDate } from '../db/to-date';
import { ForbiddenError, NotFoundError } from '../errors';
import {
  issueCertificate,
  type IssueCertificateDeps,
  type IssuedCertificate,
} from '../pki/issue-certificate';
import { checkNewPassphrase } from '../pki/passphrase-rules';
import { CertificateExpiredError, CertificateRevokedError, SignerNotEligibleError } from '../pki/pki-errors';
import { unlockSigningKey } from '../pki/unlock-signing-key';
import type { Actor } from '../rbac/policy';

export interface RenewCertificateInput {
  certificateId: number;
  /** The current certificate's passphrase: proves the holder is there, not just their session. */
  passphrase: string;
  /** Protects the new certificate; the current passphrase when absent. */
  newPassphrase?: string;
}

/**
 * Renews a valid certificate for its holder (or a superadmin, with the holder typing the passphrase):
 * the new key and PKCS#12 are built first, then one transaction stores the new certificate and revokes
 * the old one as superseded, so a failure anywhere leaves the holder with the certificate they had.
 * A wrong passphrase counts towards the unlock delay like a signing attempt, and changes nothing else.
 */
export async function renewCertificate(
  deps: IssueCertificateDeps,
  actor: Actor,
  input: RenewCertificateInput,
): Promise<IssuedCertificate> {
  const row = await deps
    .db('certificates')
    .where({ id: input.certificateId })
    .first('id', 'user_id', 'status', 'not_after');
  if (!row) throw new NotFoundError('Sertifikat tidak ditemukan.');
  const holderId = Number(row.user_id);
  if (holderId !== actor.id && !actor.roles.includes('superadmin')) {
    throw new ForbiddenError('Anda hanya dapat memperpanjang sertifikat Anda sendiri.');
  }
  if (row.status === 'revoked') throw new CertificateRevokedError();
  if (toDate(row.not_after)! <= new Date()) throw new CertificateExpiredError();
  const role = await deps
    .db('user_roles')
    .where({ user_id: holderId, role: 'penandatangan' })
    .first('user_id');
  if (!role) throw new SignerNotEligibleError('Pemegang sertifikat ini bukan lagi pejabat penandatangan.');
  const newPassphrase = input.newPassphrase || input.passphrase;
  checkNewPassphrase(newPassphrase);
  await unlockSigningKey(deps, {
    certificateId: Number(row.id),
    passphrase: input.passphrase,
    actorId: actor.id,
  });
  return issueCertificate(deps, {
    userId: holderId,
    passphrase: newPassphrase,
    actorId: actor.id,
    renew: true,
  });
}

import { ForbiddenError, ValidationError } from '../errors';
import {
  issueCertificate,
  type IssueCertificateDeps,
  type IssuedCertificate,
} from '../pki/issue-certificate';
import type { Actor } from '../rbac/policy';

/**
 * Enrols a signing official: the official themselves, or a superadmin at whose desk the official types
 * their own passphrase. Only holders of the penandatangan role get a certificate; one who still has a
 * valid certificate renews it instead (renewCertificate), which asks for the current passphrase.
 */
export async function enrolCertificate(
  deps: IssueCertificateDeps,
  actor: Actor,
  input: { userId?: number; passphrase: string },
): Promise<IssuedCertificate> {
  const userId = input.userId ?? actor.id;
  if (userId !== actor.id && !actor.roles.includes('superadmin')) {
    throw new ForbiddenError('Anda hanya dapat mendaftarkan sertifikat untuk diri sendiri.');
  }
  const role = await deps.db('user_roles').where({ user_id: userId, role: 'penandatangan' }).first('user_id');
  if (!role) throw new ValidationError('Sertifikat hanya untuk pejabat penandatangan.');
  return issueCertificate(deps, { userId, passphrase: input.passphrase, actorId: actor.id });
}

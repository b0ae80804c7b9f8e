import { ForbiddenError } from '../errors';
import type { Actor } from '../rbac/policy';

/**
 * The OPD a new account goes to: the one asked for (a superadmin's choice), an admin_opd's own by
 * default; an admin_opd naming another OPD is refused.
 */
export function newUserOpd(actor: Actor, requested: number | undefined): number | undefined {
  if (actor.roles.includes('superadmin')) return requested;
  const opdId = requested ?? actor.opdId ?? undefined;
  if (opdId !== actor.opdId) throw new ForbiddenError('Anda hanya dapat membuat akun di OPD Anda sendiri.');
  return opdId;
}

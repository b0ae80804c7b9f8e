import type { Actor } from '../rbac/policy';
import { ROLES, type Role } from '../rbac/roles';

const ADMIN_OPD_GRANTS: readonly Role[] = ['verifikator', 'penandatangan', 'asn'];

/** The roles this administrator may give or take away: all for a superadmin, never the admin roles otherwise. */
export function grantableRoles(actor: Actor): readonly Role[] {
  return actor.roles.includes('superadmin') ? ROLES : ADMIN_OPD_GRANTS;
}

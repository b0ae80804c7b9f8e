import { ForbiddenError } from '../errors';
import type { Actor } from '../rbac/policy';
import { ROLE_LABELS, type Role } from '../rbac/roles';
import { grantableRoles } from './grantable-roles';

/** Refuses (403) a change of roles that gives or takes away a role this administrator may not grant. */
export function checkRoleChange(actor: Actor, before: readonly Role[], after: readonly Role[]): void {
  const allowed = grantableRoles(actor);
  const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))];
  if (changed.some((r) => !allowed.includes(r)))
    throw new ForbiddenError(
      `Anda hanya dapat memberi atau mencabut peran ${allowed.map((r) => ROLE_LABELS[r]).join(', ')}.`,
    );
}

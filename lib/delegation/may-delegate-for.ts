import type { Actor } from '../rbac/policy';

/**
 * Who may name or end a Plt / Plh for an official: the official, the bagian umum of the official's
 * OPD, or a superadmin.
 */
export function mayDelegateFor(actor: Actor, principal: { id: number; opdId: number | null }): boolean {
  if (actor.roles.includes('superadmin') || actor.id === principal.id) return true;
  return actor.roles.includes('admin_opd') && principal.opdId !== null && actor.opdId === principal.opdId;
}

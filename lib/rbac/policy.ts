import { ForbiddenError } from '../errors';
import type { Role } from './roles';

export interface Actor {
  id: number;
  opdId: number | null;
  roles: readonly Role[];
}

/** What a route requires. There is no "allow everything" default: each route names its access. */
export type Access = { public: true } | { roles: readonly Role[] | 'any' };

export const PUBLIC: Access = { public: true };
export const ANY_USER: Access = { roles: 'any' };
export const rolesOnly = (...roles: Role[]): Access => ({ roles });

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

/**
 * What a workflow needs to know to judge the bagian umum's actions (numbering, registering, disposing
 * from the letter): whether the actor holds admin_opd, and where.
 */
export const adminFacts = (actor: Actor) => ({
  actorId: actor.id,
  actorIsAdmin: actor.roles.includes('admin_opd'),
  actorOpdId: actor.opdId,
});

export function isAllowed(actor: Actor | null, access: Access): boolean {
  if ('public' in access) return access.public === true;
  if (!actor) return false;
  if (access.roles === 'any') return true;
  return actor.roles.includes('superadmin') || hasAnyRole(actor, access.roles);
}

/** Private data of an OPD (its people, drafts, incoming letters) is for its own staff and superadmins. */
export function canReadOpd(actor: Actor, opdId: number): boolean {
  return actor.roles.includes('superadmin') || actor.opdId === opdId;
}

/**
 * The OPD a listing may cover: the one asked for if the actor may read it, else the actor's own;
 * `null` means every OPD (superadmin without a filter).
 */
export function scopeToOpd(actor: Actor, requested?: number): number | null {
  if (requested !== undefined) {
    if (!canReadOpd(actor, requested))
      throw new ForbiddenError('Anda hanya dapat melihat data OPD Anda sendiri.');
    return requested;
  }
  if (actor.roles.includes('superadmin')) return null;
  if (actor.opdId === null) throw new ForbiddenError('Akun Anda belum terdaftar pada OPD mana pun.');
  return actor.opdId;
}

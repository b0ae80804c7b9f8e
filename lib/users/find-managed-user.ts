import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError } from '../errors';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';

/**
 * A user the administrator may see: anyone for a superadmin, their own OPD's people for an admin_opd
 * (another OPD's person is a 404, like a missing one). To change an account (`change`), an admin_opd
 * must not touch another holder of an admin role: resetting its password would hand them its powers.
 */
export async function findManagedUser(
  db: Knex,
  actor: Actor,
  id: number,
  purpose: 'view' | 'change',
): Promise<User> {
  const user = Number.isSafeInteger(id)
    ? await User.query(db).findById(id).withGraphFetched('[roles, opd]')
    : undefined;
  const isSuper = actor.roles.includes('superadmin');
  if (!user || (!isSuper && (actor.opdId === null || user.opdId !== actor.opdId)))
    throw new NotFoundError('Pengguna tidak ditemukan.');
  const privileged = user.roleNames.some((r) => r === 'superadmin' || r === 'admin_opd');
  if (purpose === 'change' && !isSuper && privileged && user.id !== actor.id)
    throw new ForbiddenError('Akun Super Admin atau Admin OPD lain hanya dapat diubah oleh Super Admin.');
  return user;
}

import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError } from '../errors';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';
import type { Role } from '../rbac/roles';
import { checkRoleChange } from './check-role-change';
import { checkSuperadminRemains } from './check-superadmin-remains';
import { findManagedUser } from './find-managed-user';

/** Replaces an account's roles, within what the administrator may grant; the last superadmin stays one. */
export async function setUserRoles(
  db: Knex,
  actor: Actor,
  id: number,
  wanted: readonly Role[],
): Promise<User> {
  const user = await findManagedUser(db, actor, id, 'change');
  const before = user.roleNames;
  const after = [...new Set(wanted)].sort();
  checkRoleChange(actor, before, after);
  if (before.join() === after.join()) return user;
  const losesSuperadmin = before.includes('superadmin') && !after.includes('superadmin');
  if (losesSuperadmin && user.id === actor.id)
    throw new ConflictError('Anda tidak dapat mencabut peran Super Admin dari akun Anda sendiri.');
  await db.transaction(async (trx) => {
    if (losesSuperadmin && user.active) await checkSuperadminRemains(trx, user.id);
    await trx('user_roles').where({ user_id: user.id }).delete();
    await trx('user_roles').insert(after.map((role) => ({ user_id: user.id, role })));
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: user.opdId,
      action: 'user.roles',
      entityType: 'user',
      entityId: user.id,
      data: { before, after },
    });
  });
  return findManagedUser(db, actor, id, 'view');
}

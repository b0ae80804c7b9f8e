import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';
import { findManagedUser } from './find-managed-user';

/** Reopens an account and clears the administrator's deactivation mark, so the SMART sync rules again. */
export async function activateUser(db: Knex, actor: Actor, id: number): Promise<User> {
  const user = await findManagedUser(db, actor, id, 'change');
  if (user.active && !user.deactivatedByAdminAt) return user;
  await db.transaction(async (trx) => {
    await trx('users')
      .where({ id: user.id })
      .update({ active: true, deactivated_by_admin_at: null, updated_at: new Date() });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: user.opdId,
      action: 'user.activate',
      entityType: 'user',
      entityId: user.id,
      data: {},
    });
  });
  return findManagedUser(db, actor, id, 'view');
}

import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { revokeUserSessions } from '../auth/revoke-user-sessions';
import { ConflictError } from '../errors';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';
import { checkSuperadminRemains } from './check-superadmin-remains';
import { findManagedUser } from './find-managed-user';

/**
 * Closes an account: no login, every session and token ended; its letters, history and audit stay.
 * The mark that an administrator did it keeps the SMART sync from quietly reactivating the person.
 */
export async function deactivateUser(db: Knex, actor: Actor, id: number): Promise<User> {
  const user = await findManagedUser(db, actor, id, 'change');
  if (user.id === actor.id) throw new ConflictError('Anda tidak dapat menonaktifkan akun Anda sendiri.');
  if (!user.active && user.deactivatedByAdminAt) return user;
  await db.transaction(async (trx) => {
    if (user.active && user.roleNames.includes('superadmin')) await checkSuperadminRemains(trx, user.id);
    const now = new Date();
    await trx('users')
      .where({ id: user.id })
      .update({ active: false, deactivated_by_admin_at: now, updated_at: now });
    const sessionsRevoked = await revokeUserSessions(trx, user.id);
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: user.opdId,
      action: 'user.deactivate',
      entityType: 'user',
      entityId: user.id,
      data: { sessionsRevoked, wasActive: user.active },
    });
  });
  return findManagedUser(db, actor, id, 'view');
}

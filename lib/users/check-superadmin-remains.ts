import type { Knex } from 'knex';
import { ConflictError } from '../errors';

/**
 * Refuses to demote or deactivate the last active superadmin: nobody could then administer the system.
 * Locks the superadmin rows so two superadmins demoting each other at once cannot both succeed.
 */
export async function checkSuperadminRemains(trx: Knex.Transaction, leavingUserId: number): Promise<void> {
  const others = await trx('user_roles as r')
    .join('users as u', 'u.id', 'r.user_id')
    .where('r.role', 'superadmin')
    .where('u.active', true)
    .whereNot('u.id', leavingUserId)
    .forUpdate()
    .select('u.id');
  if (others.length === 0)
    throw new ConflictError('Ini Super Admin aktif terakhir: angkat Super Admin lain terlebih dahulu.');
}

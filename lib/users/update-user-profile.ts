import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';
import { findManagedUser } from './find-managed-user';
import type { UserPatch } from './user-admin-schemas';

const SMART_OWNED = ['name', 'position', 'unit'] as const;

/**
 * Changes an account's e-mail, name, position or unit. For SMART people only the e-mail: the rest comes
 * from SMART and the next sync would overwrite it, so changing it here is refused rather than lost.
 */
export async function updateUserProfile(db: Knex, actor: Actor, id: number, patch: UserPatch): Promise<User> {
  const user = await findManagedUser(db, actor, id, 'change');
  const changes: Record<string, [string, string]> = {};
  for (const [field, value] of Object.entries(patch) as [keyof UserPatch, string | undefined][]) {
    if (value !== undefined && value !== user[field]) changes[field] = [user[field], value];
  }
  const refused = SMART_OWNED.filter((f) => f in changes);
  if (user.source === 'smart' && refused.length > 0)
    throw new ValidationError(
      'Nama, jabatan dan unit kerja pegawai ini berasal dari SMART dan diperbarui oleh sinkronisasi; di e-Office hanya e-mail yang dapat diubah.',
      { fields: refused.map((field) => ({ field, message: 'dikelola oleh SMART' })) },
    );
  if (Object.keys(changes).length === 0) return user;
  await db.transaction(async (trx) => {
    const row = Object.fromEntries(Object.entries(changes).map(([f, [, after]]) => [f, after]));
    await trx('users')
      .where({ id: user.id })
      .update({ ...row, updated_at: new Date() });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: user.opdId,
      action: 'user.update',
      entityType: 'user',
      entityId: user.id,
      data: { changes },
    });
  });
  return findManagedUser(db, actor, id, 'view');
}

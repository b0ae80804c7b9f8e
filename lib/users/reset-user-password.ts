import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { loginAttemptKey } from '../auth/login-attempt-key';
import { hashPassword } from '../auth/password';
import { revokeUserSessions } from '../auth/revoke-user-sessions';
import type { Config } from '../config';
import { ConflictError } from '../errors';
import type { Actor } from '../rbac/policy';
import { findManagedUser } from './find-managed-user';
import { generateTemporaryPassword } from './generate-temporary-password';

/**
 * Gives an account a new temporary password, returned once to the administrator and never stored in
 * clear, logged or audited. The account must change it at its next login; every session and token it
 * had ends now, and a login lockout on it is lifted.
 */
export async function resetUserPassword(
  deps: { db: Knex; auth: Config['auth'] },
  actor: Actor,
  id: number,
): Promise<{ temporaryPassword: string; sessionsRevoked: number }> {
  const user = await findManagedUser(deps.db, actor, id, 'change');
  if (user.id === actor.id)
    throw new ConflictError('Untuk kata sandi Anda sendiri, gunakan halaman Akun → Ganti Kata Sandi.');
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword, deps.auth.passwordHashMemoryKib);
  const sessionsRevoked = await deps.db.transaction(async (trx) => {
    await trx('users')
      .where({ id: user.id })
      .update({ password_hash: hash, must_change_password: true, updated_at: new Date() });
    const revoked = await revokeUserSessions(trx, user.id);
    await trx('login_attempts')
      .whereIn(
        'username',
        // The account's counter, and any its names gathered while it was inactive (and so unresolved).
        [
          loginAttemptKey('', user.id),
          ...[user.username, user.nip].filter((v): v is string => Boolean(v)).map((v) => loginAttemptKey(v)),
        ],
      )
      .delete();
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: user.opdId,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: user.id,
      data: { sessionsRevoked: revoked },
    });
    return revoked;
  });
  return { temporaryPassword, sessionsRevoked };
}

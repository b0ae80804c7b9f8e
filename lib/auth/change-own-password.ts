import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import type { Config } from '../config';
import { ValidationError } from '../errors';
import { User } from '../models/user';
import { checkNewPassword } from './check-new-password';
import { hashPassword, verifyPassword } from './password';
import { revokeUserSessions } from './revoke-user-sessions';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

const invalid = (field: keyof PasswordChange, message: string) =>
  new ValidationError(`Data tidak valid: ${field}: ${message}`, { fields: [{ field, message }] });

/**
 * The owner changes their own password: the current one must be right, the new one must pass the rules.
 * It clears a pending forced change and ends every other session and token of the account.
 */
export async function changeOwnPassword(
  deps: { db: Knex; auth: Config['auth'] },
  caller: { userId: number; sessionId: string },
  input: PasswordChange,
): Promise<{ sessionsEnded: number }> {
  const user = await User.query(deps.db).findById(caller.userId).where('active', true);
  if (!user) throw invalid('currentPassword', 'akun tidak ditemukan');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw invalid('currentPassword', 'kata sandi saat ini salah');
  const problem = checkNewPassword(user, input.currentPassword, input.newPassword);
  if (problem) throw invalid('newPassword', problem);
  const hash = await hashPassword(input.newPassword, deps.auth.passwordHashMemoryKib);
  return deps.db.transaction(async (trx) => {
    await trx('users')
      .where({ id: user.id })
      .update({ password_hash: hash, must_change_password: false, updated_at: new Date() });
    const sessionsEnded = await revokeUserSessions(trx, user.id, caller.sessionId);
    await appendAudit(trx, {
      actorId: user.id,
      opdId: user.opdId,
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      data: { forced: user.mustChangePassword, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

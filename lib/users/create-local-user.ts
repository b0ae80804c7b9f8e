import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { hashPassword } from '../auth/password';
import type { Config } from '../config';
import { ValidationError } from '../errors';
import { isUniqueViolation } from '../letters/is-unique-violation';
import { User } from '../models/user';
import type { Actor } from '../rbac/policy';
import { checkRoleChange } from './check-role-change';
import { generateTemporaryPassword } from './generate-temporary-password';
import { newUserOpd } from './new-user-opd';
import type { NewUserInput } from './user-admin-schemas';

const fieldError = (field: string, message: string) =>
  new ValidationError(`Data tidak valid: ${field}: ${message}`, { fields: [{ field, message }] });

/**
 * Creates a local account (one SMART does not know) with a temporary password, returned once, that must
 * be changed at the first login. An admin_opd creates people only in their own OPD. People log in with
 * their username or NIP, so neither may equal another account's username or NIP.
 */
export async function createLocalUser(
  deps: { db: Knex; auth: Config['auth'] },
  actor: Actor,
  input: NewUserInput,
): Promise<{ user: User; temporaryPassword: string }> {
  const { db } = deps;
  const opdId = newUserOpd(actor, input.opdId);
  if (opdId === undefined || opdId === null) throw fieldError('opdId', 'pilih OPD');
  if (!(await db('opd').where({ id: opdId }).first('id'))) throw fieldError('opdId', 'OPD tidak dikenal');
  const roles = [...new Set(input.roles)].sort();
  checkRoleChange(actor, [], roles);
  const taken = (value: string) => db('users').where('username', value).orWhere('nip', value).first('id');
  if (await taken(input.username)) throw fieldError('username', 'sudah dipakai akun lain');
  if (input.nip && (await taken(input.nip))) throw fieldError('nip', 'NIP sudah terdaftar');

  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword, deps.auth.passwordHashMemoryKib);
  try {
    const id = await db.transaction(async (trx) => {
      const now = new Date();
      await trx('users').insert({
        opd_id: opdId,
        username: input.username,
        nip: input.nip ?? null,
        name: input.name,
        position: input.position,
        unit: input.unit,
        email: input.email,
        password_hash: passwordHash,
        must_change_password: true,
        source: 'local',
        created_at: now,
        updated_at: now,
      });
      // Read back by the unique username: the engines report inserted ids differently.
      const userId = Number((await trx('users').where({ username: input.username }).first('id')).id);
      for (const role of roles) await trx('user_roles').insert({ user_id: userId, role });
      await appendAudit(trx, {
        actorId: actor.id,
        opdId,
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        data: { username: input.username, nip: input.nip ?? null, name: input.name, roles },
      });
      return userId;
    });
    const user = await User.query(db).findById(id).withGraphFetched('[roles, opd]');
    return { user: user!, temporaryPassword };
  } catch (err) {
    // Another administrator took the same username or NIP a moment ago.
    if (isUniqueViolation(err))
      throw fieldError('username', 'nama pengguna atau NIP sudah dipakai akun lain');
    throw err;
  }
}

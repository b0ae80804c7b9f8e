import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { hashPassword } from '../auth/password';
import type { Config } from '../config';
import { ConflictError, ValidationError } from '../errors';
import { generateTemporaryPassword } from './generate-temporary-password';

const USERNAME = /^[a-z][a-z0-9._-]{2,49}$/;

/**
 * The first administrator of a production instance (which is never seeded with demo people): a local
 * superadmin of no OPD with a temporary password, returned once, to be changed at the first login. It
 * refuses while any active superadmin exists, so it cannot be used to take over a running instance.
 */
export async function createFirstSuperadmin(
  deps: { db: Knex; auth: Config['auth'] },
  input: { username: string; name: string },
): Promise<{ id: number; temporaryPassword: string }> {
  const username = input.username.trim().toLowerCase();
  const name = input.name.trim();
  if (!USERNAME.test(username))
    throw new ValidationError(
      'Nama pengguna: 3–50 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.',
    );
  if (!name || name.length > 200)
    throw new ValidationError('Nama lengkap wajib diisi (paling panjang 200 karakter).');
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword, deps.auth.passwordHashMemoryKib);
  const id = await deps.db.transaction(async (trx) => {
    const existing = await trx('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where({ 'user_roles.role': 'superadmin', 'users.active': true })
      .first('users.id');
    if (existing)
      throw new ConflictError('Sudah ada superadmin aktif: buat akun berikutnya dari halaman Pengguna.');
    if (await trx('users').where({ username }).first('id'))
      throw new ConflictError(`Nama pengguna ${username} sudah dipakai.`);
    const now = new Date();
    await trx('users').insert({
      opd_id: null,
      username,
      nip: null,
      name,
      position: 'Super Admin',
      unit: '',
      email: '',
      password_hash: passwordHash,
      must_change_password: true,
      source: 'local',
      created_at: now,
      updated_at: now,
    });
    const userId = Number((await trx('users').where({ username }).first('id')).id);
    await trx('user_roles').insert({ user_id: userId, role: 'superadmin' });
    await appendAudit(trx, {
      actorId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      data: { username, name, roles: ['superadmin'], bootstrap: true },
    });
    return userId;
  });
  return { id, temporaryPassword };
}

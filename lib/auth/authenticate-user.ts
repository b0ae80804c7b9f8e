import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { toDate } from '../db/to-date';
import { appendAudit } from '../audit/append-audit';
import { AccountLockedError, InvalidCredentialsError } from '../errors';
import { User } from '../models/user';
import { loginAttemptKey } from './login-attempt-key';
import { hashPassword, verifyPassword } from './password';
import { createSession, type NewSession, type SessionKind } from './sessions';

export interface LoginInput {
  username: string;
  password: string;
  kind: SessionKind;
  ip?: string;
  userAgent?: string;
}

export interface AuthenticateDeps {
  db: Knex;
  auth: Config['auth'];
  /** Pause after a failure; grows with each failure. Injected so unit tests need not wait. */
  delay?: (ms: number) => Promise<unknown>;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username (login name or NIP) and password and opens a session. Failures are counted per
 * account (per typed name when it names none; see loginAttemptKey), slow down, and lock it for a while;
 * the message never says whether the user exists.
 */
export async function authenticateUser(
  deps: AuthenticateDeps,
  input: LoginInput,
): Promise<{ user: User; session: NewSession }> {
  const { db, auth } = deps;
  const typed = input.username.trim().toLowerCase().slice(0, 64);
  const now = new Date();

  const user = typed
    ? await User.query(db)
        .where((q) => q.where('username', typed).orWhere('nip', typed))
        .where('active', true)
        .withGraphFetched('[roles, opd]')
        .first()
    : undefined;
  const key = loginAttemptKey(typed, user?.id);

  const attempt = await db('login_attempts').where({ username: key }).first();
  const lockedUntil = toDate(attempt?.locked_until);
  if (lockedUntil && lockedUntil > now) {
    throw new AccountLockedError(Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  }

  // Unknown users cost the same hash check as known ones, so timing does not tell them apart.
  dummyHash ??= hashPassword('tidak-ada-pengguna', auth.passwordHashMemoryKib);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);

  if (!user || !ok) {
    const lapsed = lockedUntil !== null && lockedUntil <= now;
    const failures = (lapsed ? 0 : Number(attempt?.failures ?? 0)) + 1;
    const locks = failures >= auth.maxFailures;
    const row = {
      failures,
      last_failure_at: now,
      locked_until: locks ? new Date(now.getTime() + auth.lockMinutes * 60_000) : null,
    };
    await db.transaction(async (trx) => {
      if (attempt) await trx('login_attempts').where({ username: key }).update(row);
      else
        await trx('login_attempts')
          .insert({ username: key, ...row })
          .onConflict('username')
          .merge();
      await appendAudit(trx, {
        actorId: user?.id ?? null,
        opdId: user?.opdId ?? null,
        action: locks ? 'auth.locked' : 'auth.login_failed',
        entityType: 'login',
        entityId: typed,
        data: { failures, ip: input.ip ?? '' },
      });
    });
    await (deps.delay ?? sleep)(Math.min(failures * 250, 2000));
    if (locks) throw new AccountLockedError(auth.lockMinutes * 60);
    throw new InvalidCredentialsError();
  }

  const ttl = input.kind === 'browser' ? auth.sessionTtlHours : auth.tokenTtlHours;
  const session = await db.transaction(async (trx) => {
    await trx('login_attempts').where({ username: key }).delete();
    await trx('users').where({ id: user.id }).update({ last_login_at: now });
    const created = await createSession(trx, user.id, input.kind, ttl, input);
    await appendAudit(trx, {
      actorId: user.id,
      opdId: user.opdId,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      data: { kind: input.kind, ip: input.ip ?? '' },
    });
    return created;
  });
  return { user, session };
}

import type { Knex } from 'knex';
import type { Next } from 'koa';
import { PasswordChangeRequiredError } from '../../lib/auth/password-change-required-error';
import { findSession, type SessionKind } from '../../lib/auth/sessions';
import { UnauthenticatedError } from '../../lib/errors';
import { User } from '../../lib/models/user';
import { SESSION_COOKIE, isApiRequest, type AppContext, type Auth } from '../context';

/** What an account with a reset password may still do: see who it is, change the password, leave. */
const WHILE_PASSWORD_CHANGE_REQUIRED = new Set([
  'GET /api/v1/me',
  'POST /api/v1/account/password',
  'DELETE /api/v1/auth/token',
  'GET /akun/sandi',
  'POST /akun/sandi',
  'POST /logout',
]);

async function resolve(db: Knex, token: string, kind: SessionKind): Promise<Omit<Auth, 'via'> | null> {
  const session = await findSession(db, token, kind);
  if (!session) return null;
  const user = await User.query(db)
    .findById(session.userId)
    .where('active', true)
    .withGraphFetched('[roles, opd]');
  if (!user) return null;
  return { session, user, actor: { id: user.id, opdId: user.opdId, roles: user.roleNames } };
}

/**
 * Identifies the caller by bearer token (API clients) or session cookie (browser); anonymous otherwise.
 * An account whose password an administrator reset is held at the password change until it is done.
 */
export function authenticate(db: Knex) {
  return async (ctx: AppContext, next: Next) => {
    // Prometheus's bearer is METRICS_TOKEN, checked by the route: it is no session.
    if (ctx.path === '/metrics') return next();
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match ? await resolve(db, match[1], 'api') : null;
      if (!found)
        throw new UnauthenticatedError('Token tidak valid atau sudah kedaluwarsa. Minta token baru.');
      ctx.state.auth = { ...found, via: 'bearer' };
    } else {
      const cookie = ctx.cookies.get(SESSION_COOKIE);
      const found = cookie ? await resolve(db, cookie, 'browser') : null;
      if (found) ctx.state.auth = { ...found, via: 'cookie' };
      else if (cookie) ctx.cookies.set(SESSION_COOKIE, null);
    }
    const user = ctx.state.auth?.user;
    if (user?.mustChangePassword && !WHILE_PASSWORD_CHANGE_REQUIRED.has(`${ctx.method} ${ctx.path}`)) {
      if (isApiRequest(ctx)) throw new PasswordChangeRequiredError();
      return ctx.redirect('/akun/sandi');
    }
    await next();
  };
}

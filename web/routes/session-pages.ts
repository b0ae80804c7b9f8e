import { z } from 'zod';
import { authenticateUser } from '../../lib/auth/authenticate-user';
import { newSecretToken } from '../../lib/auth/secret-token';
import { revokeSession } from '../../lib/auth/sessions';
import { AppError, CsrfError } from '../../lib/errors';
import { ANY_USER, PUBLIC } from '../../lib/rbac/policy';
import { csrfTokenMatches } from '../../api/middleware/csrf';
import {
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  requireAuth,
  type AppContext,
  type AppDeps,
} from '../../api/context';
import type { RouteDef } from '../../api/route';

const loginForm = z.object({
  username: z.string().trim().max(64),
  password: z.string().max(256),
  next: z.string().optional(),
});

/** Only local paths, so the login form cannot be used to send people to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

export function sessionPages({ db, config, pages }: AppDeps): RouteDef[] {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.auth.cookieSecure,
    overwrite: true,
  };

  function showLogin(
    ctx: AppContext,
    data: { error?: string; username?: string; next?: string; loggedOut?: boolean } = {},
  ) {
    // The login form has no session yet, so its CSRF token is a double-submit cookie.
    const csrfToken = newSecretToken();
    ctx.cookies.set(LOGIN_CSRF_COOKIE, csrfToken, { ...cookieOptions, maxAge: 3600_000 });
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'login', { title: 'Masuk', loginCsrf: csrfToken, ...data });
  }

  return [
    {
      method: 'get',
      path: '/login',
      access: PUBLIC,
      summary: 'Login form.',
      handler: (ctx) => {
        if (ctx.state.auth) return ctx.redirect('/');
        showLogin(ctx, {
          next: safeNext(ctx.query.next as string | undefined),
          loggedOut: ctx.query.keluar === '1',
        });
      },
    },
    {
      method: 'post',
      path: '/login',
      access: PUBLIC,
      summary: 'Log in from the form; opens a browser session.',
      handler: async (ctx) => {
        if (!csrfTokenMatches(ctx, ctx.cookies.get(LOGIN_CSRF_COOKIE))) throw new CsrfError();
        const form = loginForm.safeParse(ctx.request.body);
        const username = form.success ? form.data.username : '';
        const next = safeNext(form.success ? form.data.next : undefined);
        if (!form.success || !username || !form.data.password) {
          ctx.status = 400;
          return showLogin(ctx, { error: 'Isi NIP/nama pengguna dan kata sandi.', username, next });
        }
        try {
          const { session } = await authenticateUser(
            { db, auth: config.auth },
            {
              username,
              password: form.data.password,
              kind: 'browser',
              ip: ctx.ip,
              userAgent: ctx.get('user-agent'),
            },
          );
          // A new session id at every login: a planted cookie never becomes a logged-in session.
          if (ctx.state.auth) await revokeSession(db, ctx.state.auth.session);
          ctx.cookies.set(LOGIN_CSRF_COOKIE, null);
          ctx.cookies.set(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
          ctx.redirect(next);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          ctx.status = err.status;
          showLogin(ctx, { error: err.message, username, next });
        }
      },
    },
    {
      method: 'post',
      path: '/logout',
      access: ANY_USER,
      summary: 'Log out of the browser session.',
      handler: async (ctx) => {
        await revokeSession(db, requireAuth(ctx).session);
        ctx.cookies.set(SESSION_COOKIE, null);
        ctx.redirect('/login?keluar=1');
      },
    },
  ];
}

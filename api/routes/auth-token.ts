import { z } from 'zod';
import { authenticateUser } from '../../lib/auth/authenticate-user';
import { revokeSession } from '../../lib/auth/sessions';
import { ANY_USER, PUBLIC } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const credentials = z.object({
  username: z.string().trim().min(1, 'wajib diisi').max(64),
  password: z.string().min(1, 'wajib diisi').max(256),
});

export function authTokenRoutes({ db, config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/v1/auth/token',
      access: PUBLIC,
      summary: 'Exchange a username (or NIP) and password for a bearer token.',
      handler: async (ctx) => {
        const input = parseInput(credentials, ctx.request.body);
        const { user, session } = await authenticateUser(
          { db, auth: config.auth },
          { ...input, kind: 'api', ip: ctx.ip, userAgent: ctx.get('user-agent') },
        );
        ctx.status = 201;
        ctx.body = {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          user: user.toPublic(),
        };
      },
    },
    {
      method: 'delete',
      path: '/api/v1/auth/token',
      access: ANY_USER,
      summary: 'Revoke the token (or session) used for this request.',
      handler: async (ctx) => {
        await revokeSession(db, requireAuth(ctx).session);
        ctx.status = 204;
      },
    },
  ];
}

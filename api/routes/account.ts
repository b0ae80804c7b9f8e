import { changeOwnPassword } from '../../lib/auth/change-own-password';
import { passwordChangeInput } from '../../lib/auth/password-change-input';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

/** The caller's own account. */
export function accountRoutes({ db, config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/v1/account/password',
      access: ANY_USER,
      input: { body: passwordChangeInput },
      summary:
        'Change one’s own password {currentPassword, newPassword}; ends every other session and token of the account.',
      handler: async (ctx) => {
        const auth = requireAuth(ctx);
        const input = parseInput(passwordChangeInput, ctx.request.body);
        ctx.body = await changeOwnPassword(
          { db, auth: config.auth },
          { userId: auth.user.id, sessionId: auth.session.id },
          input,
        );
      },
    },
  ];
}

import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { changeOwnPassword } from '../../lib/auth/change-own-password';
import { MIN_PASSWORD_LENGTH } from '../../lib/auth/check-new-password';
import { passwordChangeInput } from '../../lib/auth/password-change-input';
import { ValidationError } from '../../lib/errors';
import { ANY_USER } from '../../lib/rbac/policy';
import { fieldErrorsOf } from '../../lib/users/field-errors-of';
import { parseInput } from '../../lib/validation/parse-input';

const NOTICES: Record<string, string> = {
  sandi: 'Kata sandi Anda telah diganti. Sesi lain akun Anda telah diakhiri.',
};

/** "Akun": one's own data and roles, and changing one's own password. */
export function accountPages({ db, config, pages }: AppDeps): RouteDef[] {
  function showPasswordForm(ctx: AppContext, extra: Record<string, unknown> = {}) {
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'account-password', {
      title: 'Ganti Kata Sandi',
      forced: requireAuth(ctx).user.mustChangePassword,
      minLength: MIN_PASSWORD_LENGTH,
      fieldErrors: {},
      ...extra,
    });
  }

  return [
    {
      method: 'get',
      path: '/akun',
      access: ANY_USER,
      summary: 'One’s own account: data, roles, OPD.',
      handler: (ctx) => {
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'account', {
          title: 'Akun Saya',
          account: requireAuth(ctx).user.toAdminView(),
          notice: NOTICES[String(ctx.query.info ?? '')],
        });
      },
    },
    {
      method: 'get',
      path: '/akun/sandi',
      access: ANY_USER,
      summary: 'Form to change one’s own password.',
      handler: (ctx) => showPasswordForm(ctx),
    },
    {
      method: 'post',
      path: '/akun/sandi',
      access: ANY_USER,
      summary: 'Change one’s own password; ends the account’s other sessions.',
      handler: async (ctx) => {
        const auth = requireAuth(ctx);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const mismatch =
          body.newPassword === body.confirmation ? {} : { confirmation: 'tidak sama dengan kata sandi baru' };
        try {
          const input = parseInput(passwordChangeInput, body);
          if (mismatch.confirmation) throw new ValidationError(mismatch.confirmation);
          await changeOwnPassword(
            { db, auth: config.auth },
            { userId: auth.user.id, sessionId: auth.session.id },
            input,
          );
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          ctx.status = 400;
          return showPasswordForm(ctx, { fieldErrors: { ...fieldErrorsOf(err), ...mismatch } });
        }
        ctx.redirect('/akun?info=sandi');
      },
    },
  ];
}

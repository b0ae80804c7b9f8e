import { activateUser } from '../../lib/users/activate-user';
import { authorizeNewUser } from '../../lib/users/authorize-new-user';
import { createLocalUser } from '../../lib/users/create-local-user';
import { deactivateUser } from '../../lib/users/deactivate-user';
import { findManagedUser } from '../../lib/users/find-managed-user';
import { listManagedUsers } from '../../lib/users/list-managed-users';
import { resetUserPassword } from '../../lib/users/reset-user-password';
import { setUserRoles } from '../../lib/users/set-user-roles';
import { updateUserProfile } from '../../lib/users/update-user-profile';
import { newUserInput, userListQuery, userPatch, userRoles } from '../../lib/users/user-admin-schemas';
import { rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams } from '../../lib/validation/record-id';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const ADMINS = rolesOnly('superadmin', 'admin_opd');
const idOf = (ctx: AppContext) => Number(ctx.params.id);
/** A new account's OPD is checked before the rest of the input is read. */
const newUserHere = (ctx: AppContext) => authorizeNewUser(requireAuth(ctx).actor, ctx.request.body);

/** Users administration: superadmin for everyone, admin_opd for the people of their own OPD. */
export function adminUserRoutes({ db, config }: AppDeps): RouteDef[] {
  const deps = { db, auth: config.auth };
  const changeable = (ctx: AppContext) => findManagedUser(db, requireAuth(ctx).actor, idOf(ctx), 'change');
  return [
    {
      method: 'get',
      path: '/api/v1/admin/users',
      access: ADMINS,
      input: { query: userListQuery },
      summary:
        'Accounts to administer (?q= name/NIP/username/position, opd= superadmin only, role=, status=aktif|nonaktif, source=local|smart, page=, pageSize=).',
      handler: async (ctx) => {
        ctx.body = await listManagedUsers(db, requireAuth(ctx).actor, parseInput(userListQuery, ctx.query));
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/users',
      access: ADMINS,
      input: { body: newUserInput },
      summary:
        'Create a local account {username, name, nip?, position?, unit?, opdId?, email?, roles?}; returns it with a one-time temporaryPassword.',
      authorize: newUserHere,
      handler: async (ctx) => {
        const input = parseInput(newUserInput, ctx.request.body);
        const { user, temporaryPassword } = await createLocalUser(deps, requireAuth(ctx).actor, input);
        ctx.status = 201;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { user: user.toAdminView(), temporaryPassword };
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/users/:id',
      access: ADMINS,
      input: { params: idParams },
      summary: 'One account: profile, roles, source, status.',
      handler: async (ctx) => {
        ctx.body = (await findManagedUser(db, requireAuth(ctx).actor, idOf(ctx), 'view')).toAdminView();
      },
    },
    {
      method: 'patch',
      path: '/api/v1/admin/users/:id',
      access: ADMINS,
      input: { params: idParams, body: userPatch },
      summary: 'Edit {email?, name?, position?, unit?}; for SMART-sourced people only the e-mail.',
      authorize: changeable,
      handler: async (ctx) => {
        const patch = parseInput(userPatch, ctx.request.body);
        ctx.body = (await updateUserProfile(db, requireAuth(ctx).actor, idOf(ctx), patch)).toAdminView();
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/users/:id/roles',
      access: ADMINS,
      input: { params: idParams, body: userRoles },
      summary:
        'Replace the roles {roles:[…]}; an admin_opd grants or removes only verifikator, penandatangan and asn.',
      authorize: changeable,
      handler: async (ctx) => {
        const { roles } = parseInput(userRoles, ctx.request.body);
        ctx.body = (await setUserRoles(db, requireAuth(ctx).actor, idOf(ctx), roles)).toAdminView();
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/:id/reset-password',
      access: ADMINS,
      input: { params: idParams },
      summary:
        'Reset the password: returns a one-time temporaryPassword, ends all sessions and tokens, forces a change.',
      handler: async (ctx) => {
        const result = await resetUserPassword(deps, requireAuth(ctx).actor, idOf(ctx));
        ctx.set('Cache-Control', 'no-store');
        ctx.body = result;
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/:id/deactivate',
      access: ADMINS,
      input: { params: idParams },
      summary: 'Deactivate the account: login refused, sessions and tokens ended; letters and history kept.',
      handler: async (ctx) => {
        ctx.body = (await deactivateUser(db, requireAuth(ctx).actor, idOf(ctx))).toAdminView();
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/:id/activate',
      access: ADMINS,
      input: { params: idParams },
      summary: 'Reactivate a deactivated account.',
      handler: async (ctx) => {
        ctx.body = (await activateUser(db, requireAuth(ctx).actor, idOf(ctx))).toAdminView();
      },
    },
  ];
}

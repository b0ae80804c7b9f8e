import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { filteredPager } from '../filtered-pager';
import { AppError, NotFoundError } from '../../lib/errors';
import type { User } from '../../lib/models/user';
import { rolesOnly, type Actor } from '../../lib/rbac/policy';
import { ROLES, ROLE_LABELS } from '../../lib/rbac/roles';
import { activateUser } from '../../lib/users/activate-user';
import { authorizeNewUser } from '../../lib/users/authorize-new-user';
import { createLocalUser } from '../../lib/users/create-local-user';
import { deactivateUser } from '../../lib/users/deactivate-user';
import { fieldErrorsOf } from '../../lib/users/field-errors-of';
import { findManagedUser } from '../../lib/users/find-managed-user';
import { grantableRoles } from '../../lib/users/grantable-roles';
import { listManagedUsers } from '../../lib/users/list-managed-users';
import { resetUserPassword } from '../../lib/users/reset-user-password';
import { setUserRoles } from '../../lib/users/set-user-roles';
import { updateUserProfile } from '../../lib/users/update-user-profile';
import { newUserInput, userListQuery, userPatch, userRoles } from '../../lib/users/user-admin-schemas';
import { parseInput } from '../../lib/validation/parse-input';

const ADMINS = rolesOnly('superadmin', 'admin_opd');
const PAGE_SIZE = 25;
const FILTERS = ['q', 'opd', 'role', 'status', 'source'] as const;
const NOTICES: Record<string, string> = {
  profil: 'Data pengguna telah disimpan.',
  peran: 'Peran pengguna telah diperbarui.',
  nonaktif: 'Akun telah dinonaktifkan; semua sesi dan tokennya telah diakhiri.',
  aktif: 'Akun telah diaktifkan kembali.',
};

/** The number in the path, or a 404 for anything else (so /admin/pengguna/abc is "not found"). */
function idOf(ctx: AppContext): number {
  const raw = String(ctx.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError('Pengguna tidak ditemukan.');
  return Number(raw);
}

/** An action's refusal (403, 404, 409, 400) to show on the page; anything else is a real failure. */
function expected(err: unknown): AppError {
  if (err instanceof AppError && err.status < 500) return err;
  throw err;
}

const opdOptions = async (deps: AppDeps, selected: string) =>
  (await deps.db('opd').orderBy('name').select('id', 'name')).map((o) => ({
    id: o.id,
    name: o.name,
    selected: String(o.id) === selected,
  }));

/** Whether this administrator may change the account: see findManagedUser's rule on admin accounts. */
function mayChange(actor: Actor, user: User): boolean {
  if (actor.roles.includes('superadmin') || user.id === actor.id) return true;
  return !user.roleNames.some((r) => r === 'superadmin' || r === 'admin_opd');
}

/** "Pengguna": search, create, and per account its roles, e-mail, password reset and deactivation. */
export function adminUserPages(deps: AppDeps): RouteDef[] {
  const { db, config, pages } = deps;
  const authDeps = { db, auth: config.auth };

  async function showList(ctx: AppContext) {
    const { actor } = requireAuth(ctx);
    const isSuperadmin = actor.roles.includes('superadmin');
    const raw: Record<string, unknown> = { ...ctx.query, pageSize: PAGE_SIZE };
    if (!isSuperadmin) delete raw.opd;
    const query = parseInput(userListQuery, raw);
    const result = await listManagedUsers(db, actor, query);
    const { filters, pager } = filteredPager(FILTERS, query, result, PAGE_SIZE);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-users', {
      title: 'Pengguna',
      isSuperadmin,
      filters,
      opds: isSuperadmin ? await opdOptions(deps, filters.opd) : [],
      roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: r === filters.role })),
      items: result.items,
      total: result.total,
      pager,
    });
  }

  function showDetail(ctx: AppContext, user: User, extra: Record<string, unknown> = {}) {
    const { actor } = requireAuth(ctx);
    const grantable = grantableRoles(actor);
    const view = user.toAdminView();
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-user-detail', {
      title: `Pengguna: ${user.name}`,
      account: view,
      isSmart: user.source === 'smart',
      isSelf: user.id === actor.id,
      canChange: mayChange(actor, user),
      roleOptions: ROLES.map((r) => ({
        value: r,
        label: ROLE_LABELS[r],
        checked: view.roles.includes(r),
        locked: !grantable.includes(r),
      })),
      notice: NOTICES[String(ctx.query.info ?? '')],
      profile: { email: user.email, name: user.name, position: user.position, unit: user.unit },
      ...extra,
    });
  }

  async function showNewForm(ctx: AppContext, values: Record<string, unknown>, extra = {}) {
    const { actor } = requireAuth(ctx);
    const isSuperadmin = actor.roles.includes('superadmin');
    const chosen = (values.roles as string[] | undefined) ?? ['asn'];
    const ownOpd =
      actor.opdId === null ? undefined : await db('opd').where({ id: actor.opdId }).first('name');
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-user-new', {
      title: 'Tambah Pengguna',
      isSuperadmin,
      values,
      ownOpdName: ownOpd?.name ?? '—',
      opds: isSuperadmin ? await opdOptions(deps, String(values.opdId ?? '')) : [],
      roleOptions: grantableRoles(actor).map((r) => ({
        value: r,
        label: ROLE_LABELS[r],
        checked: chosen.includes(r),
      })),
      ...extra,
    });
  }

  function showTemporaryPassword(ctx: AppContext, user: User, temporaryPassword: string, created: boolean) {
    // Shown once: never cached by the browser or a proxy.
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-user-password', {
      title: created ? 'Akun Dibuat' : 'Kata Sandi Disetel Ulang',
      account: user.toAdminView(),
      created,
      temporaryPassword,
    });
  }

  function showConfirm(ctx: AppContext, user: User, kind: 'reset' | 'deactivate', error?: string) {
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-user-confirm', {
      title: kind === 'reset' ? 'Setel Ulang Kata Sandi' : 'Nonaktifkan Akun',
      account: user.toAdminView(),
      isReset: kind === 'reset',
      action: `/admin/pengguna/${user.id}/${kind === 'reset' ? 'setel-ulang-sandi' : 'nonaktifkan'}`,
      error,
    });
  }

  /** Runs a change from the detail page; a refusal re-renders the page with the message and its status. */
  async function act(ctx: AppContext, change: (actor: Actor, id: number) => Promise<unknown>, info: string) {
    const { actor } = requireAuth(ctx);
    const id = idOf(ctx);
    try {
      await change(actor, id);
    } catch (err) {
      const refusal = expected(err);
      if (refusal instanceof NotFoundError) throw refusal;
      ctx.status = refusal.status;
      return showDetail(ctx, await findManagedUser(db, actor, id, 'view'), {
        error: refusal.message,
        fieldErrors: fieldErrorsOf(refusal) ?? {},
        ...(info === 'profil' ? { profile: ctx.request.body } : {}),
      });
    }
    ctx.redirect(`/admin/pengguna/${id}?info=${info}`);
  }

  return [
    {
      method: 'get',
      path: '/admin/pengguna',
      access: ADMINS,
      summary: 'Accounts with search, filters and pages (superadmin: all; admin_opd: their OPD).',
      handler: (ctx) => showList(ctx),
    },
    {
      method: 'get',
      path: '/admin/pengguna/baru',
      access: ADMINS,
      summary: 'Form to create a local account.',
      handler: (ctx) => showNewForm(ctx, {}),
    },
    {
      method: 'post',
      path: '/admin/pengguna/baru',
      access: ADMINS,
      summary: 'Create a local account; shows its temporary password once.',
      authorize: (ctx) => authorizeNewUser(requireAuth(ctx).actor, ctx.request.body),
      handler: async (ctx) => {
        const values = (ctx.request.body ?? {}) as Record<string, unknown>;
        const chosen = values.roles === undefined ? [] : ([] as unknown[]).concat(values.roles);
        try {
          const input = parseInput(newUserInput, { ...values, roles: chosen });
          const { user, temporaryPassword } = await createLocalUser(authDeps, requireAuth(ctx).actor, input);
          showTemporaryPassword(ctx, user, temporaryPassword, true);
        } catch (err) {
          const refusal = expected(err);
          ctx.status = refusal.status;
          await showNewForm(
            ctx,
            { ...values, roles: chosen },
            { error: refusal.message, fieldErrors: fieldErrorsOf(refusal) ?? {} },
          );
        }
      },
    },
    {
      method: 'get',
      path: '/admin/pengguna/:id',
      access: ADMINS,
      summary: 'One account: details, roles, e-mail, password reset, deactivation.',
      handler: async (ctx) => {
        showDetail(ctx, await findManagedUser(db, requireAuth(ctx).actor, idOf(ctx), 'view'));
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/profil',
      access: ADMINS,
      summary: 'Save an account’s e-mail (and, for local accounts, name, position and unit).',
      handler: (ctx) =>
        act(
          ctx,
          (actor, id) => {
            const { email, name, position, unit } = (ctx.request.body ?? {}) as Record<string, unknown>;
            return updateUserProfile(db, actor, id, parseInput(userPatch, { email, name, position, unit }));
          },
          'profil',
        ),
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/peran',
      access: ADMINS,
      summary: 'Replace an account’s roles (checkboxes).',
      handler: (ctx) =>
        act(
          ctx,
          (actor, id) => {
            const body = (ctx.request.body ?? {}) as Record<string, unknown>;
            return setUserRoles(db, actor, id, parseInput(userRoles, { roles: body.roles }).roles);
          },
          'peran',
        ),
    },
    {
      method: 'get',
      path: '/admin/pengguna/:id/setel-ulang-sandi',
      access: ADMINS,
      summary: 'Confirmation page before resetting an account’s password.',
      handler: async (ctx) => {
        showConfirm(ctx, await findManagedUser(db, requireAuth(ctx).actor, idOf(ctx), 'change'), 'reset');
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/setel-ulang-sandi',
      access: ADMINS,
      summary: 'Reset an account’s password; shows the temporary password once.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const user = await findManagedUser(db, actor, idOf(ctx), 'change');
        try {
          const { temporaryPassword } = await resetUserPassword(authDeps, actor, user.id);
          showTemporaryPassword(ctx, user, temporaryPassword, false);
        } catch (err) {
          const refusal = expected(err);
          ctx.status = refusal.status;
          showConfirm(ctx, user, 'reset', refusal.message);
        }
      },
    },
    {
      method: 'get',
      path: '/admin/pengguna/:id/nonaktifkan',
      access: ADMINS,
      summary: 'Confirmation page before deactivating an account.',
      handler: async (ctx) => {
        showConfirm(
          ctx,
          await findManagedUser(db, requireAuth(ctx).actor, idOf(ctx), 'change'),
          'deactivate',
        );
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/nonaktifkan',
      access: ADMINS,
      summary: 'Deactivate an account (after the confirmation page).',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const user = await findManagedUser(db, actor, idOf(ctx), 'change');
        try {
          await deactivateUser(db, actor, user.id);
        } catch (err) {
          const refusal = expected(err);
          ctx.status = refusal.status;
          return showConfirm(ctx, user, 'deactivate', refusal.message);
        }
        ctx.redirect(`/admin/pengguna/${user.id}?info=nonaktif`);
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/aktifkan',
      access: ADMINS,
      summary: 'Reactivate a deactivated account.',
      handler: (ctx) => act(ctx, (actor, id) => activateUser(db, actor, id), 'aktif'),
    },
  ];
}

import { z } from 'zod';
import { createDelegation } from '../../lib/delegation/create-delegation';
import { DELEGATION_LABELS } from '../../lib/delegation/delegation-kinds';
import { delegationInput } from '../../lib/delegation/delegation-input';
import { endDelegation } from '../../lib/delegation/end-delegation';
import { listDelegationCandidates } from '../../lib/delegation/list-delegation-candidates';
import { DELEGATION_STATUS_LABELS, listDelegations } from '../../lib/delegation/list-delegations';
import { notifyDelegation } from '../../lib/delegation/notify-delegation';
import { AppError, NotFoundError } from '../../lib/errors';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { pagerOf } from '../pager';

const DELEGATORS = rolesOnly('verifikator', 'penandatangan', 'admin_opd');
const page = z.coerce.number().int().positive().max(10_000).catch(1);
const id = z.coerce.number().int().positive();
const NOTICES: Record<string, string> = {
  ditunjuk: 'Plt./Plh. telah ditunjuk. Pejabat pelaksana dan pejabat yang digantikan sudah diberi tahu.',
  diakhiri: 'Penunjukan Plt./Plh. telah diakhiri. Tugas kembali kepada pejabat yang digantikan.',
};

type FieldErrors = { field: string; message: string }[];
const fieldErrorsOf = (err: AppError): FieldErrors =>
  ((err.details as { fields?: FieldErrors } | undefined)?.fields ?? []).filter((f) => f.field !== '(body)');

/** "Plt/Plh": appointments one may see, appointing one, and ending one early. */
export function delegationPages({ db, config, logger, pages }: AppDeps): RouteDef[] {
  const mail = mailSettingsOf(config, (message, attrs) => logger.warn(attrs, message));

  async function showForm(ctx: AppContext, values: Record<string, unknown> = {}, err?: AppError) {
    const { actor } = requireAuth(ctx);
    const candidates = await listDelegationCandidates(db, actor);
    const errors = err ? fieldErrorsOf(err) : [];
    const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
    const selected = (value: unknown, option: number) => Number(value) === option;
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'delegation-form', {
      title: 'Tunjuk Plt./Plh.',
      error: err?.message,
      errors,
      principals: candidates.principals.map((c) => ({ ...c, selected: selected(values.principalId, c.id) })),
      acting: candidates.acting.map((c) => ({ ...c, selected: selected(values.actingId, c.id) })),
      kinds: Object.entries(DELEGATION_LABELS).map(([value, label]) => ({
        value,
        label,
        checked: (values.kind ?? 'plh') === value,
      })),
      values,
      fieldError: {
        principalId: errorOf('principalId'),
        actingId: errorOf('actingId'),
        kind: errorOf('kind'),
        startDate: errorOf('startDate'),
        endDate: errorOf('endDate'),
        reason: errorOf('reason'),
      },
    });
  }

  /** An appointment the caller may end: it is in the list they may manage. */
  async function manageable(ctx: AppContext) {
    const { actor } = requireAuth(ctx);
    const wanted = id.safeParse(ctx.params.id);
    const found = wanted.success
      ? (await listDelegations(db, actor, { id: wanted.data })).items.find((d) => d.endable)
      : undefined;
    if (!found) throw new NotFoundError('Penunjukan Plt./Plh. tidak ditemukan atau sudah berakhir.');
    return found;
  }

  return [
    {
      method: 'get',
      path: '/delegasi',
      access: ANY_USER,
      summary: 'Plt/Plh appointments the caller may see, newest first.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const result = await listDelegations(db, actor, { page: page.parse(ctx.query.page) });
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'delegations', {
          title: 'Pelaksana Tugas (Plt./Plh.)',
          notice: NOTICES[String(ctx.query.info ?? '')],
          items: result.items.map((d) => ({
            ...d,
            statusLabel: DELEGATION_STATUS_LABELS[d.status],
          })),
          canAppoint: ['verifikator', 'penandatangan', 'admin_opd', 'superadmin'].some((r) =>
            actor.roles.includes(r as never),
          ),
          pager: pagerOf(result.page, result.total, result.pageSize, (p) => `/delegasi?page=${p}`),
        });
      },
    },
    {
      method: 'get',
      path: '/delegasi/baru',
      access: DELEGATORS,
      summary: 'The form to appoint a Plt/Plh.',
      handler: (ctx) => showForm(ctx, { principalId: requireAuth(ctx).actor.id }),
    },
    {
      method: 'post',
      path: '/delegasi/baru',
      access: DELEGATORS,
      summary: 'Appoint a Plt/Plh from the form.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const parsed = delegationInput.safeParse(body);
        if (!parsed.success) {
          ctx.status = 400;
          const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
          return showForm(
            ctx,
            body,
            new AppError(400, 'validation_failed', 'Periksa isian berikut.', { fields }),
          );
        }
        try {
          await createDelegation(db, actor, parsed.data);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          ctx.status = err.status;
          return showForm(ctx, body, err);
        }
        await notifyDelegation(db, mail, parsed.data);
        ctx.redirect('/delegasi?info=ditunjuk');
      },
    },
    {
      method: 'get',
      path: '/delegasi/:id/akhiri',
      access: DELEGATORS,
      summary: 'Confirmation before ending a Plt/Plh appointment early.',
      handler: async (ctx) => {
        const delegation = await manageable(ctx);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'delegation-end', { title: 'Akhiri Plt./Plh.', delegation });
      },
    },
    {
      method: 'post',
      path: '/delegasi/:id/akhiri',
      access: DELEGATORS,
      summary: 'End a Plt/Plh appointment early.',
      handler: async (ctx) => {
        const delegation = await manageable(ctx);
        await endDelegation(db, requireAuth(ctx).actor, delegation.id);
        ctx.redirect('/delegasi?info=diakhiri');
      },
    },
  ];
}

import { z } from 'zod';
import { createDelegation } from '../../lib/delegation/create-delegation';
import { delegationInput } from '../../lib/delegation/delegation-input';
import { endDelegation } from '../../lib/delegation/end-delegation';
import { listDelegationCandidates } from '../../lib/delegation/list-delegation-candidates';
import { listDelegations } from '../../lib/delegation/list-delegations';
import { notifyDelegation } from '../../lib/delegation/notify-delegation';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams, recordId } from '../../lib/validation/record-id';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const listQuery = z.object({
  page: z.coerce.number().int().positive().max(10_000).default(1),
  current: z.enum(['true', 'false']).optional(),
});
/** Officials delegate their own work; the bagian umum and superadmins arrange it for others. */
const DELEGATORS = rolesOnly('verifikator', 'penandatangan', 'admin_opd');

/** Plt / Plh: who stands in for whom, and when. */
export function delegationRoutes({ db, config, logger }: AppDeps): RouteDef[] {
  const mail = mailSettingsOf(config, (message, attrs) => logger.warn(attrs, message));
  return [
    {
      method: 'get',
      path: '/api/v1/delegations',
      access: ANY_USER,
      input: { query: listQuery },
      summary:
        'Plt/Plh appointments the caller may see (their own; their OPD’s for admin_opd; all for superadmin). ?current=true: not over.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const q = parseInput(listQuery, ctx.query);
        ctx.body = await listDelegations(db, actor, { page: q.page, current: q.current === 'true' });
      },
    },
    {
      method: 'get',
      path: '/api/v1/delegations/candidates',
      access: DELEGATORS,
      summary: 'Whose work the caller may delegate, and who may stand in.',
      handler: async (ctx) => {
        ctx.body = await listDelegationCandidates(db, requireAuth(ctx).actor);
      },
    },
    {
      method: 'post',
      path: '/api/v1/delegations',
      access: DELEGATORS,
      input: { body: delegationInput },
      summary:
        'Appoint a Plt/Plh {principalId, actingId, kind: plt|plh, startDate, endDate (WIB, inclusive), reason}: the principal’s verification and signing tasks pass to the acting official.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const input = parseInput(delegationInput, ctx.request.body);
        const created = await createDelegation(db, actor, input);
        await notifyDelegation(db, mail, input);
        ctx.status = 201;
        ctx.body = { id: created.id };
      },
    },
    {
      method: 'post',
      path: '/api/v1/delegations/:id/end',
      access: DELEGATORS,
      input: { params: idParams },
      summary: 'End a Plt/Plh appointment early (or cancel one not yet begun).',
      handler: async (ctx) => {
        await endDelegation(db, requireAuth(ctx).actor, parseInput(recordId, ctx.params.id));
        ctx.status = 204;
      },
    },
  ];
}

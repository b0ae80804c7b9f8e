import { z } from 'zod';
import { checkAuditChain } from '../../lib/audit/check-audit-chain';
import { findWorkflowForActor } from '../../lib/audit/find-workflow-for-actor';
import { listAuditEntries } from '../../lib/audit/list-audit-entries';
import type { Config } from '../../lib/config';
import { rolesOnly } from '../../lib/rbac/policy';
import { readWorkflowHistory } from '../../lib/temporal/workflow-history';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { blank, optionalWibDate } from '../../lib/validation/form-filters';

const positiveId = z.preprocess(blank, z.coerce.number().int().positive('harus id yang sah').optional());

export const auditQuery = z
  .object({
    actor: z.preprocess(blank, z.string().trim().max(100, 'paling panjang 100 karakter').optional()),
    letter: z.preprocess(blank, z.string().trim().max(100, 'paling panjang 100 karakter').optional()),
    incoming: positiveId,
    opd: positiveId,
    action: z.preprocess(blank, z.string().trim().max(64, 'paling panjang 64 karakter').optional()),
    from: optionalWibDate,
    to: optionalWibDate,
    page: z.preprocess(blank, z.coerce.number().int().min(1, 'minimal 1').default(1)),
    pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(100, 'paling banyak 100').default(50)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'tanggal awal sesudah tanggal akhir',
    path: ['from'],
  });

/** The workflow in the Temporal web UI: the configured one, else the embedded server's on this host. */
export function temporalUiLink(config: Config, ctx: AppContext, workflowId: string): string {
  const base = config.temporal.uiUrl ?? `${ctx.protocol}://${ctx.hostname}:${config.temporal.uiPort}`;
  return `${base}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The audit trail (superadmin; admin_opd for their OPD), its chain check, and a workflow's history. */
export function auditRoutes({ db, config, temporalClient }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/audit',
      access: rolesOnly('admin_opd'),
      input: { query: auditQuery },
      summary: 'Audit trail, newest first (?actor=, letter=, incoming=, opd=, action=, from=, to=, page=).',
      handler: async (ctx) => {
        ctx.body = await listAuditEntries(db, requireAuth(ctx).actor, parseInput(auditQuery, ctx.query));
      },
    },
    {
      method: 'post',
      path: '/api/v1/audit/verify',
      access: rolesOnly('superadmin'),
      summary: 'Walks the audit hash chain and names the first altered, missing or out-of-order row.',
      handler: async (ctx) => {
        ctx.body = await checkAuditChain(db);
      },
    },
    {
      method: 'get',
      path: '/api/v1/workflows/:workflowId/history',
      access: rolesOnly('admin_opd'),
      summary: 'A letter’s workflow history in readable form (superadmin; bagian umum of its OPD).',
      handler: async (ctx) => {
        const subject = await findWorkflowForActor(db, requireAuth(ctx).actor, String(ctx.params.workflowId));
        const events = await readWorkflowHistory(await temporalClient(), subject.workflowId);
        ctx.body = { ...subject, temporalUiUrl: temporalUiLink(config, ctx, subject.workflowId), events };
      },
    },
  ];
}

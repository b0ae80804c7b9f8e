import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { filteredPager } from '../filtered-pager';
import { auditQuery, temporalUiLink } from '../../api/routes/audit';
import { AUDIT_ACTIONS, auditActionLabel } from '../../lib/audit/audit-action-labels';
import { checkAuditChain, type AuditChainReport } from '../../lib/audit/check-audit-chain';
import { formatWibTime } from '../../lib/audit/format-wib-time';
import { findWorkflowForActor } from '../../lib/audit/find-workflow-for-actor';
import { listAuditEntries } from '../../lib/audit/list-audit-entries';
import { rolesOnly } from '../../lib/rbac/policy';
import { readWorkflowHistory } from '../../lib/temporal/workflow-history';
import { parseInput } from '../../lib/validation/parse-input';

const FILTERS = ['actor', 'letter', 'incoming', 'opd', 'action', 'from', 'to'] as const;
const PAGE_SIZE = 25;

/** A data value as one line of text: strings as they are, anything else as compact JSON. */
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Jejak Audit (filters, pages, the chain check) and the readable history of a letter's workflow. */
export function auditPages({ db, pages, config, temporalClient }: AppDeps): RouteDef[] {
  async function showAudit(ctx: AppContext, chain?: AuditChainReport) {
    const { actor } = requireAuth(ctx);
    const raw = ctx.method === 'GET' ? ctx.query : {};
    const query = parseInput(auditQuery, { ...raw, pageSize: PAGE_SIZE });
    const result = await listAuditEntries(db, actor, query);
    const isSuperadmin = actor.roles.includes('superadmin');
    const { filters, pager } = filteredPager(FILTERS, query, result, PAGE_SIZE);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'audit', {
      title: 'Jejak Audit',
      isSuperadmin,
      filters,
      opds: isSuperadmin
        ? (await db('opd').orderBy('name').select('id', 'name')).map((o) => ({
            id: o.id,
            name: o.name,
            selected: String(o.id) === filters.opd,
          }))
        : [],
      actions: AUDIT_ACTIONS.map((a) => ({
        value: a,
        label: auditActionLabel(a),
        selected: a === filters.action,
      })),
      items: result.items.map((item) => ({
        ...item,
        data: Object.entries(item.data).map(([key, value]) => ({ key, value: shown(value) })),
      })),
      total: result.total,
      chain,
      pager,
    });
  }

  return [
    {
      method: 'get',
      path: '/admin/audit',
      access: rolesOnly('admin_opd'),
      summary: 'The audit trail with filters (superadmin: all; admin_opd: their OPD).',
      handler: (ctx) => showAudit(ctx),
    },
    {
      method: 'post',
      path: '/admin/audit/periksa',
      access: rolesOnly('superadmin'),
      summary: 'Checks the audit hash chain and shows the outcome above the trail.',
      handler: async (ctx) => showAudit(ctx, await checkAuditChain(db)),
    },
    {
      method: 'get',
      path: '/admin/alur/:workflowId',
      access: rolesOnly('admin_opd'),
      summary: 'A letter’s workflow event history, readable (superadmin; bagian umum of its OPD).',
      handler: async (ctx) => {
        const subject = await findWorkflowForActor(db, requireAuth(ctx).actor, String(ctx.params.workflowId));
        const events = await readWorkflowHistory(await temporalClient(), subject.workflowId);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'workflow-history', {
          title: `Riwayat Alur ${subject.workflowId}`,
          subject,
          events: events.map((e) => ({ ...e, time: e.time ? formatWibTime(e.time) : '—' })),
          temporalUiUrl: temporalUiLink(config, ctx, subject.workflowId),
        });
      },
    },
  ];
}

import type { Knex } from 'knex';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { sendAgendaBook } from '../../api/routes/archive';
import { archiveSearchInput, statisticsInput } from '../../lib/archive/archive-input';
import { computeStatistics, type Statistics } from '../../lib/archive/compute-statistics';
import { formatIndonesianDate } from '../../lib/documents/format-indonesian-date';
import { searchArchive } from '../../lib/archive/search-archive';
import { ANY_USER, rolesOnly, type Actor } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import type { LetterStatus } from '../../workflows/outgoing-letter-types';
import type { IncomingStatus } from '../../workflows/incoming-letter-types';
import { pagerOf } from '../pager';
import { totalLabel } from '../total-label';
import { INCOMING_STATUS } from '../../lib/incoming/incoming-labels';
import { todayWib } from './incoming-view';
import { STATUS_LABELS } from './letter-compose-pages';

export const CHART_SCRIPTS = ['/static/vendor/chart.js/chart.umd.min.js', '/static/js/archive-charts.js'];

const isAdmin = (actor: Actor) => actor.roles.includes('superadmin') || actor.roles.includes('admin_opd');

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the block. */
export const jsonForPage = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function statusLabel(kind: string, status: string): { label: string; badge: string } {
  if (kind === 'keluar')
    return STATUS_LABELS[status as LetterStatus] ?? { label: status, badge: 'text-bg-light' };
  const incoming = INCOMING_STATUS[status as IncomingStatus];
  return incoming
    ? { label: incoming.label, badge: `text-bg-${incoming.tone}` }
    : { label: status, badge: 'text-bg-light' };
}

/** The OPDs an admin may pick: all for a superadmin, none to pick for anyone else. */
async function opdChoices(db: Knex, actor: Actor, selected?: number) {
  if (!actor.roles.includes('superadmin')) return [];
  const rows = await db('opd').orderBy('name').select('id', 'name');
  return rows.map((o) => ({ id: Number(o.id), name: o.name, selected: Number(o.id) === selected }));
}

/** The chart data and the accessible table of the statistics, as the page and the dashboard show them. */
export function statisticsView(stats: Statistics) {
  return {
    ...stats,
    chartData: jsonForPage({
      months: stats.months.map((m) => m.label),
      sent: stats.months.map((m) => m.sent),
      received: stats.months.map((m) => m.received),
      dispositions: stats.months.map((m) => m.dispositions),
      steps: stats.steps.map((s) => s.label),
      hours: stats.steps.map((s) => s.averageHours ?? 0),
    }),
  };
}

const STATUS_OPTIONS = [
  ...Object.entries(STATUS_LABELS).map(([value, s]) => ({ value, label: `Keluar: ${s.label}` })),
  ...Object.entries(INCOMING_STATUS).map(([value, s]) => ({ value, label: `Masuk: ${s.label}` })),
];

/** "Arsip": search every letter one may open; for the bagian umum the agenda book and statistics. */
export function archivePages(deps: AppDeps): RouteDef[] {
  const { db, pages } = deps;
  const agenda = (format: 'csv' | 'xlsx'): RouteDef => ({
    method: 'get',
    path: `/arsip/buku-agenda.${format}`,
    access: rolesOnly('admin_opd'),
    summary: `Agenda book download (${format.toUpperCase()}).`,
    handler: (ctx: AppContext) => sendAgendaBook(ctx, deps, format),
  });
  return [
    {
      method: 'get',
      path: '/arsip',
      access: ANY_USER,
      summary: 'Archive search over outgoing and incoming letters.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const input = parseInput(archiveSearchInput, ctx.query);
        const result = await searchArchive(db, actor, input);
        const params = new URLSearchParams(
          Object.entries({ ...input, page: undefined })
            .filter(([, v]) => v !== undefined && v !== '')
            .map(([k, v]) => [k, String(v)]),
        );
        const filtered = params.toString() !== '';
        const today = todayWib();
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'archive', {
          title: 'Arsip Surat',
          input,
          filtered,
          admin: isAdmin(actor),
          opds: await opdChoices(db, actor, input.opd),
          agendaOpds: await opdChoices(db, actor),
          statuses: STATUS_OPTIONS.map((s) => ({ ...s, selected: s.value === input.status })),
          agendaFrom: `${today.slice(0, 4)}-01-01`,
          agendaTo: today,
          ...result,
          items: result.items.map((i) => {
            const status = statusLabel(i.kind, i.status);
            return {
              ...i,
              letterDate: i.letterDate && formatIndonesianDate(i.letterDate),
              statusLabel: status.label,
              statusBadge: status.badge,
            };
          }),
          totalLabel: totalLabel(result.total, result.totalCapped),
          pager: pagerOf(
            input.page,
            result.total,
            result.pageSize,
            (p) => {
              params.set('page', String(p));
              return `?${params.toString()}`;
            },
            result.totalCapped,
          ),
        });
      },
    },
    agenda('csv'),
    agenda('xlsx'),
    {
      method: 'get',
      path: '/arsip/statistik',
      access: rolesOnly('admin_opd'),
      summary: 'Statistics per OPD and month with charts.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const input = parseInput(statisticsInput, ctx.query);
        const stats = await computeStatistics(db, actor, input);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'archive-statistics', {
          title: 'Statistik Surat',
          opds: await opdChoices(db, actor, input.opd),
          stats: statisticsView(stats),
          scripts: CHART_SCRIPTS,
        });
      },
    },
  ];
}

import { agendaBookCsv } from '../../lib/archive/agenda-book-csv';
import { agendaBookXlsx } from '../../lib/archive/agenda-book-xlsx';
import { agendaBookInput, archiveSearchInput, statisticsInput } from '../../lib/archive/archive-input';
import { computeStatistics } from '../../lib/archive/compute-statistics';
import { loadAgendaBook } from '../../lib/archive/load-agenda-book';
import { searchArchive } from '../../lib/archive/search-archive';
import { ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the agenda book the query asks for as a download; the pages use it too. */
export async function sendAgendaBook(ctx: AppContext, { db }: AppDeps, format: 'csv' | 'xlsx') {
  const book = await loadAgendaBook(db, requireAuth(ctx).actor, parseInput(agendaBookInput, ctx.query));
  ctx.attachment(`${book.fileName}.${format}`);
  if (format === 'csv') {
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = agendaBookCsv(book);
  } else {
    ctx.type = XLSX_TYPE;
    ctx.body = await agendaBookXlsx(book);
  }
}

/** The archive: one search over outgoing and incoming letters, the agenda book, statistics. */
export function archiveRoutes(deps: AppDeps): RouteDef[] {
  const { db } = deps;
  const agenda = (format: 'csv' | 'xlsx'): RouteDef => ({
    method: 'get',
    path: `/api/v1/archive/agenda.${format}`,
    access: rolesOnly('admin_opd'),
    input: { query: agendaBookInput },
    summary: `Agenda book as ${format.toUpperCase()} (?jenis=masuk|keluar, dari=, sampai=, opd=); own OPD for admin_opd.`,
    handler: (ctx) => sendAgendaBook(ctx, deps, format),
  });
  return [
    {
      method: 'get',
      path: '/api/v1/archive',
      access: ANY_USER,
      input: { query: archiveSearchInput },
      summary:
        'Search outgoing and incoming letters the caller may open (?q=, kind=keluar|masuk, opd=, status=, from=, to=, page=).',
      handler: async (ctx) => {
        ctx.body = await searchArchive(db, requireAuth(ctx).actor, parseInput(archiveSearchInput, ctx.query));
      },
    },
    agenda('csv'),
    agenda('xlsx'),
    {
      method: 'get',
      path: '/api/v1/archive/statistics',
      access: rolesOnly('admin_opd'),
      input: { query: statisticsInput },
      summary:
        'Letters, dispositions, average hours per step and overdue counts per OPD and month (?from=, to=, opd=).',
      handler: async (ctx) => {
        ctx.body = await computeStatistics(
          db,
          requireAuth(ctx).actor,
          parseInput(statisticsInput, ctx.query),
        );
      },
    },
  ];
}

import type { Knex } from 'knex';
import { wibDayRange } from '../archive/wib-day-range';
import type { Actor } from '../rbac/policy';
import { agendaItemOf, type AgendaItem } from './agenda-item-of';
import type { AgendaFilter } from './agenda-labels';
import { applyAgendaFilter } from './apply-agenda-filter';
import { loadAgendaViewer } from './load-agenda-viewer';
import { restrictAgendaToViewer } from './restrict-agenda-to-viewer';

export interface AgendaListQuery {
  /** A division (users.unit) of the OPD. */
  unit?: string;
  /** Items this person is responsible for or named on. */
  person?: number;
  status?: AgendaFilter;
  /** WIB dates, yyyy-mm-dd, both inclusive: items taking place on any day between. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Finished items are looked back on newest first; everything else is read in the order it happens. */
const NEWEST_FIRST: readonly (AgendaFilter | undefined)[] = ['done', 'cancelled', 'overdue'];

/** One page of the items the actor may see, filtered, with the total. */
export async function listAgendaItems(
  db: Knex,
  actor: Actor,
  query: AgendaListQuery,
  now = new Date(),
): Promise<{ items: AgendaItem[]; total: number; page: number; pageSize: number }> {
  const base = db('agenda_items as a');
  restrictAgendaToViewer(db, base, await loadAgendaViewer(db, actor));
  if (query.unit) base.where('a.unit', query.unit);
  if (query.person !== undefined) {
    const person = query.person;
    base.where((w) =>
      w
        .where('a.responsible_id', person)
        .orWhereExists(
          db('agenda_participants as p').whereRaw('p.agenda_item_id = a.id').where('p.user_id', person),
        ),
    );
  }
  if (query.status) applyAgendaFilter(base, query.status, now);
  if (query.from) base.where('a.ends_at', '>=', wibDayRange(query.from, query.from).start);
  if (query.to) base.where('a.starts_at', '<', wibDayRange(query.to, query.to).end);

  const [{ total }] = await base.clone().count({ total: '*' });
  const direction = NEWEST_FIRST.includes(query.status) ? 'desc' : 'asc';
  const rows = await base
    .join('users as r', 'r.id', 'a.responsible_id')
    .orderBy([
      { column: 'a.starts_at', order: direction },
      { column: 'a.id', order: direction },
    ])
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('a.*', 'r.name as responsible_name');
  return { items: rows.map(agendaItemOf), total: Number(total), page: query.page, pageSize: query.pageSize };
}

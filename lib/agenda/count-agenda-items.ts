import type { Knex } from 'knex';
import { wibDateOf } from '../archive/wib-date-of';
import { wibDayRange } from '../archive/wib-day-range';
import type { Actor } from '../rbac/policy';
import type { AgendaFilter } from './agenda-labels';
import { applyAgendaFilter } from './apply-agenda-filter';
import { loadAgendaViewer } from './load-agenda-viewer';
import { restrictAgendaToViewer } from './restrict-agenda-to-viewer';

const DAY_MS = 86_400_000;

/**
 * The dashboard's agenda counters over the items the actor sees: today, upcoming until the end of the
 * seventh WIB day from today (`upcomingUntil`, for the list's link), and overdue.
 */
export async function countAgendaItems(db: Knex, actor: Actor, now = new Date()) {
  const viewer = await loadAgendaViewer(db, actor);
  const upcomingUntil = wibDateOf(new Date(now.getTime() + 7 * DAY_MS));
  const count = async (filter: AgendaFilter, narrow?: (q: Knex.QueryBuilder) => void) => {
    const q = restrictAgendaToViewer(db, db('agenda_items as a'), viewer);
    applyAgendaFilter(q, filter, now);
    narrow?.(q);
    const [{ n }] = await q.count({ n: '*' });
    return Number(n);
  };
  return {
    today: await count('today'),
    upcoming: await count('upcoming', (q) =>
      q.where('a.starts_at', '<', wibDayRange(upcomingUntil, upcomingUntil).end),
    ),
    overdue: await count('overdue'),
    upcomingUntil,
  };
}

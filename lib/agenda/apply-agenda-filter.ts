import type { Knex } from 'knex';
import { wibDateOf } from '../archive/wib-date-of';
import { wibDayRange } from '../archive/wib-day-range';
import type { AgendaFilter } from './agenda-labels';

/**
 * The status filter over `agenda_items as a` at the moment `now`: upcoming = planned, not started yet;
 * today = not cancelled and taking place on today's WIB date; overdue = planned and ended, so its
 * output is still owed; done and cancelled as stored.
 */
export function applyAgendaFilter(query: Knex.QueryBuilder, filter: AgendaFilter, now: Date) {
  switch (filter) {
    case 'upcoming':
      return query.where('a.status', 'planned').where('a.starts_at', '>', now);
    case 'today': {
      const today = wibDateOf(now);
      const { start, end } = wibDayRange(today, today);
      return query
        .whereNot('a.status', 'cancelled')
        .where('a.starts_at', '<', end)
        .where('a.ends_at', '>=', start);
    }
    case 'overdue':
      return query.where('a.status', 'planned').where('a.ends_at', '<', now);
    case 'done':
    case 'cancelled':
      return query.where('a.status', filter);
  }
}

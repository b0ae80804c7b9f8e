import type { Knex } from 'knex';
import { ConflictError } from '../errors';
import { AGENDA_REFUSAL } from '../../workflows/agenda-item-types';

/** Locks the item's row for the change being made; another change that ended it first wins. */
export async function lockPlannedAgendaItem(trx: Knex.Transaction, itemId: number) {
  const row = await trx('agenda_items').where({ id: itemId }).forUpdate().first();
  if (!row || row.status !== 'planned') throw new ConflictError(AGENDA_REFUSAL.ended);
  return row as Record<string, unknown>;
}

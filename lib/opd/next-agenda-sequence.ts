import type { Knex } from 'knex';

/** The next entry of an OPD's agenda register for a year (the register restarts every year). */
export async function nextAgendaSequence(
  db: Knex | Knex.Transaction,
  opdId: number,
  year: number,
): Promise<number> {
  const [{ last }] = await db('incoming_letters')
    .where({ opd_id: opdId, agenda_year: year })
    .max({ last: 'agenda_seq' });
  return Number(last ?? 0) + 1;
}

import type { Knex } from 'knex';

/** One past the highest sequence an OPD registered in a year, so numbers typed out of order are never reused. */
export async function nextNumberSequence(
  db: Knex | Knex.Transaction,
  opdId: number,
  year: number,
): Promise<number> {
  const [{ n }] = await db('number_register').where({ opd_id: opdId, year }).max('sequence as n');
  return Number(n ?? 0) + 1;
}

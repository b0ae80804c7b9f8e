import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { numberPattern } from './number-pattern';

export interface SuggestNextNumberInput {
  opdId: number;
  year: number;
  classification: string;
}

/**
 * The next free sequence of an OPD in a year (one past the highest registered, so numbers typed out
 * of order are never reused), formatted with the OPD's pattern for the letter's classification.
 */
export async function suggestNextNumber(
  db: Knex,
  input: SuggestNextNumberInput,
): Promise<{ sequence: number; number: string }> {
  const opd = await db('opd').where({ id: input.opdId }).first('code', 'number_pattern');
  if (!opd) throw new NotFoundError('Perangkat daerah tidak ditemukan.');
  const [{ n }] = await db('number_register')
    .where({ opd_id: input.opdId, year: input.year })
    .max('sequence as n');
  const sequence = Number(n ?? 0) + 1;
  const pattern = numberPattern(String(opd.number_pattern), {
    classification: input.classification,
    opdCode: String(opd.code),
    year: input.year,
  });
  return { sequence, number: pattern.format(sequence) };
}

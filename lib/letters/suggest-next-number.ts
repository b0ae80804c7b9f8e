import type { Knex } from 'knex';
import { findOpdNumberPattern } from '../opd/find-opd-number-pattern';
import { nextNumberSequence } from '../opd/next-number-sequence';
import { numberPattern } from './number-pattern';

export interface SuggestNextNumberInput {
  opdId: number;
  year: number;
  classification: string;
  /** The letter's kind: its own pattern when the OPD set one, else the OPD's default. */
  kind?: string;
}

/**
 * The next free sequence of an OPD in a year (one past the highest registered, so numbers typed out
 * of order are never reused), formatted with the OPD's pattern for the letter's kind and classification.
 */
export async function suggestNextNumber(
  db: Knex,
  input: SuggestNextNumberInput,
): Promise<{ sequence: number; number: string }> {
  const opd = await findOpdNumberPattern(db, input.opdId, input.kind);
  const sequence = await nextNumberSequence(db, input.opdId, input.year);
  const pattern = numberPattern(opd.pattern, {
    classification: input.classification,
    opdCode: opd.code,
    year: input.year,
  });
  return { sequence, number: pattern.format(sequence) };
}

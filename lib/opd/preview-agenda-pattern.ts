import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { agendaNumberPattern } from './agenda-number-pattern';
import { nextAgendaSequence } from './next-agenda-sequence';
import type { PatternPreview } from './preview-number-patterns';

/** incoming_letters.agenda_number holds at most this many characters. */
const MAX_AGENDA_LENGTH = 64;

export interface AgendaPatternPreview extends PatternPreview {
  year: number;
  nextSequence: number;
}

/**
 * Checks an agenda pattern and renders the next agenda number it would give the OPD this year, without
 * saving: the page's example, and what setOpdAgendaPattern refuses to save while `error` is set.
 */
export async function previewAgendaPattern(
  db: Knex | Knex.Transaction,
  opd: { id: number; code: string },
  pattern: string,
  year: number,
): Promise<AgendaPatternPreview> {
  const nextSequence = await nextAgendaSequence(db, opd.id, year);
  try {
    const example = agendaNumberPattern(pattern, opd.code, year).format(nextSequence);
    const error =
      example.length > MAX_AGENDA_LENGTH
        ? `Nomor agenda yang dihasilkan lebih dari ${MAX_AGENDA_LENGTH} karakter.`
        : null;
    return { pattern, example: error ? null : example, error, year, nextSequence };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { pattern, example: null, error: error.message, year, nextSequence };
  }
}

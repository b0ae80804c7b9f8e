import type { Knex } from 'knex';
import { TEMPLATES, templateKinds, type TemplateKind } from '../../templates';
import { ValidationError } from '../errors';
import { numberPattern } from '../letters/number-pattern';
import { nextNumberSequence } from './next-number-sequence';
import type { NumberPatternsInput } from './opd-input';

/** The classification the examples show: 000 (Umum) is in every regency's reference list. */
const EXAMPLE_CLASSIFICATION = '000';
/** letters.number holds at most this many characters. */
const MAX_NUMBER_LENGTH = 100;

export interface PatternPreview {
  pattern: string;
  /** The OPD's next number with this pattern, or null when the pattern is invalid. */
  example: string | null;
  error: string | null;
}

export interface KindPatternPreview extends PatternPreview {
  kind: TemplateKind;
  label: string;
  /** False: the kind has no pattern of its own and uses the default (pattern is then ''). */
  own: boolean;
}

export interface NumberPatternsPreview {
  year: number;
  nextSequence: number;
  classification: string;
  default: PatternPreview;
  byKind: KindPatternPreview[];
  /** Per form field (`default`, `byKind.<kind>`), for the page and the API's 400. */
  errors: { field: string; message: string }[];
}

/**
 * Checks an OPD's numbering (the default pattern and each kind's own) with the rules of numberPattern
 * and renders the next number each would give, without saving anything: the page shows it as the live
 * example, and setOpdNumberPatterns refuses to save while any error remains.
 */
export async function previewNumberPatterns(
  db: Knex | Knex.Transaction,
  opd: { id: number; code: string },
  input: NumberPatternsInput,
  year: number,
): Promise<NumberPatternsPreview> {
  const nextSequence = await nextNumberSequence(db, opd.id, year);
  const values = { classification: EXAMPLE_CLASSIFICATION, opdCode: opd.code, year };
  const check = (pattern: string): PatternPreview => {
    try {
      const example = numberPattern(pattern, values).format(nextSequence);
      if (example.length > MAX_NUMBER_LENGTH) {
        return {
          pattern,
          example: null,
          error: `Nomor yang dihasilkan lebih dari ${MAX_NUMBER_LENGTH} karakter.`,
        };
      }
      return { pattern, example, error: null };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { pattern, example: null, error: error.message };
    }
  };
  const fallback = check(input.default);
  const byKind = templateKinds.map((kind): KindPatternPreview => {
    const own = input.byKind[kind];
    const label = TEMPLATES[kind].label;
    return own
      ? { kind, label, own: true, ...check(own) }
      : { kind, label, own: false, ...fallback, pattern: '' };
  });
  const errors = [
    ...(fallback.error ? [{ field: 'default', message: fallback.error }] : []),
    ...byKind
      .filter((k) => k.own && k.error)
      .map((k) => ({ field: `byKind.${k.kind}`, message: `${k.label}: ${k.error}` })),
  ];
  return { year, nextSequence, classification: EXAMPLE_CLASSIFICATION, default: fallback, byKind, errors };
}

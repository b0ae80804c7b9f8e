import { ValidationError } from '../errors';

/** The default form of a regional letter number, e.g. 000.1.2/27/DISKOMINFO/2026. */
export const DEFAULT_NUMBER_PATTERN = '{klasifikasi}/{urut}/{kode}/{tahun}';

export const NUMBER_PATTERN_TOKENS = ['klasifikasi', 'urut', 'kode', 'tahun'] as const;

export interface NumberPatternValues {
  classification: string;
  opdCode: string;
  year: number;
}

export interface NumberPattern {
  regex: RegExp;
  /** The sequence (nomor urut) of a number that matches, or null. */
  sequenceOf(number: string): number | null;
  format(sequence: number): string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * An OPD's number pattern for one letter, as a strict regular expression: {klasifikasi} is the letter's
 * classification, {kode} the OPD's code and {tahun} the year of the letter's date, all literally;
 * {urut} a positive integer without leading zeros. The pattern must hold {urut} exactly once and no
 * other placeholder; otherwise ValidationError (the admin's setting is wrong).
 */
export function numberPattern(pattern: string, values: NumberPatternValues): NumberPattern {
  const parts = pattern.split(/(\{[^{}]*\})/);
  let sequences = 0;
  const literal: Record<string, string> = {
    '{klasifikasi}': values.classification,
    '{kode}': values.opdCode,
    '{tahun}': String(values.year),
  };
  const source = parts
    .map((part) => {
      if (part === '{urut}') {
        sequences++;
        return '([1-9][0-9]{0,8})';
      }
      if (part in literal) return escape(literal[part]);
      if (/^\{.*\}$/.test(part) || /[{}]/.test(part)) {
        throw new ValidationError(`Pola penomoran OPD memuat penanda yang tidak dikenal: ${part}.`);
      }
      return escape(part);
    })
    .join('');
  if (sequences !== 1) {
    throw new ValidationError('Pola penomoran OPD harus memuat penanda {urut} tepat satu kali.');
  }
  const regex = new RegExp(`^${source}$`);
  return {
    regex,
    sequenceOf(number) {
      const match = regex.exec(number);
      return match ? Number(match[1]) : null;
    },
    format(sequence) {
      return parts.map((part) => (part === '{urut}' ? String(sequence) : (literal[part] ?? part))).join('');
    },
  };
}

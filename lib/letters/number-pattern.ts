import { ValidationError } from '../errors';

/** The default form of a regional letter number, e.g. 000.1.2/27/DISKOMINFO/2026. */
export const DEFAULT_NUMBER_PATTERN = '{klasifikasi}/{urut}/{kode}/{tahun}';

/** The default form of an incoming agenda number, e.g. 0007/2026. */
export const DEFAULT_AGENDA_PATTERN = '{urut}/{tahun}';

/** Agenda books number their entries with four digits (0007), as the paper registers did. */
export const AGENDA_SEQUENCE_WIDTH = 4;

export const NUMBER_PATTERN_TOKENS = ['klasifikasi', 'urut', 'kode', 'tahun'] as const;

export interface NumberPatternValues {
  /** Left out where a number has no classification (the agenda register): {klasifikasi} is then refused. */
  classification?: string;
  opdCode: string;
  year: number;
}

export interface NumberPatternOptions {
  /** Zero-pads the sequence to this many digits; letter numbers are not padded. */
  sequenceWidth?: number;
}

export interface NumberPattern {
  regex: RegExp;
  /** The sequence (nomor urut) of a number that matches, or null. */
  sequenceOf(number: string): number | null;
  format(sequence: number): string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A number pattern as a strict regular expression: {klasifikasi} is the letter's classification, {kode}
 * the OPD's code and {tahun} the year, all literally; {urut} the sequence, a positive integer without
 * leading zeros (or zero-padded to `sequenceWidth`). The pattern must hold {urut} exactly once and no
 * other placeholder; otherwise ValidationError (the admin's setting is wrong).
 */
export function numberPattern(
  pattern: string,
  values: NumberPatternValues,
  options: NumberPatternOptions = {},
): NumberPattern {
  const parts = pattern.split(/(\{[^{}]*\})/);
  let sequences = 0;
  const literal: Record<string, string> = {
    ...(values.classification === undefined ? {} : { '{klasifikasi}': values.classification }),
    '{kode}': values.opdCode,
    '{tahun}': String(values.year),
  };
  const known = ['{urut}', ...Object.keys(literal)].join(', ');
  const width = options.sequenceWidth ?? 0;
  const source = parts
    .map((part) => {
      if (part === '{urut}') {
        sequences++;
        return width ? `([0-9]{${width},9})` : '([1-9][0-9]{0,8})';
      }
      if (part in literal) return escape(literal[part]);
      if (/[{}]/.test(part)) {
        throw new ValidationError(
          `Pola penomoran memuat penanda yang tidak dikenal: ${part}. Penanda yang dikenal: ${known}.`,
        );
      }
      return escape(part);
    })
    .join('');
  if (sequences !== 1) {
    throw new ValidationError('Pola penomoran harus memuat penanda {urut} tepat satu kali.');
  }
  const regex = new RegExp(`^${source}$`);
  return {
    regex,
    sequenceOf(number) {
      const match = regex.exec(number);
      const sequence = match ? Number(match[1]) : 0;
      return sequence > 0 ? sequence : null;
    },
    format(sequence) {
      const urut = String(sequence).padStart(width, '0');
      return parts.map((part) => (part === '{urut}' ? urut : (literal[part] ?? part))).join('');
    },
  };
}

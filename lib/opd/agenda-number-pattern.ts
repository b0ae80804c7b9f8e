import { AGENDA_SEQUENCE_WIDTH, numberPattern, type NumberPattern } from '../letters/number-pattern';

/**
 * An OPD's agenda pattern for a year: {urut} zero-padded to four digits, {kode} and {tahun}; an agenda
 * entry has no classification of its own, so {klasifikasi} is refused. ValidationError when invalid.
 */
export function agendaNumberPattern(pattern: string, opdCode: string, year: number): NumberPattern {
  return numberPattern(pattern, { opdCode, year }, { sequenceWidth: AGENDA_SEQUENCE_WIDTH });
}

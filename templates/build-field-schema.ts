import { z } from 'zod';
import { parseIsoDate } from '../lib/documents/parse-iso-date';
import type { FieldMeta } from './letter-template';

const MAX_LENGTH = { text: 500, textarea: 5_000, richtext: 200_000, item: 3_000, date: 10, time: 5 };
const MAX_ITEMS = 50;

/** Forms send an emptied optional input as '' (and JSON clients as null): both mean "not given". */
const blankAsMissing = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** A trimmed, non-empty string of at most `max` characters. */
function text(label: string, max: number) {
  return z
    .string({
      error: (issue) => (issue.input == null ? `${label} wajib diisi.` : `${label} harus berupa teks.`),
    })
    .trim()
    .min(1, `${label} wajib diisi.`)
    .max(max, `${label} paling panjang ${max} karakter.`);
}

/**
 * A format rule that leaves the empty string to "wajib diisi", so a blank field gets one message.
 * (Not `abort: true`: an aborted parse would also skip the cross-field rules of checkFieldOrder.)
 */
const formatted = (test: (value: string) => boolean) => (value: string) => value === '' || test(value);

function valueSchema(field: FieldMeta): z.ZodType {
  const { label } = field;
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'richtext': {
      const value = text(label, MAX_LENGTH[field.type]);
      const { pattern } = field;
      if (!pattern) return value;
      const regex = new RegExp(`^(?:${pattern.source})$`);
      return value.refine(
        formatted((v) => regex.test(v)),
        pattern.message,
      );
    }
    case 'date':
      return text(label, MAX_LENGTH.date).refine(
        formatted((v) => parseIsoDate(v) !== null),
        `${label} harus berupa tanggal yang valid.`,
      );
    case 'time':
      return text(label, MAX_LENGTH.time).refine(
        formatted((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v)),
        `${label} harus berupa jam yang valid (JJ:MM).`,
      );
    case 'list':
      return listOf(field, text('Isi butir', MAX_LENGTH.item));
    case 'list-of-people':
      return listOf(field, buildFieldSchema(field.itemFields ?? []));
  }
}

function listOf(field: FieldMeta, item: z.ZodType) {
  const list = z
    .array(item, {
      error: (issue) =>
        issue.input == null ? `${field.label} wajib diisi.` : `${field.label} harus berupa daftar.`,
    })
    .max(MAX_ITEMS, `${field.label} paling banyak ${MAX_ITEMS} butir.`);
  return field.required ? list.min(1, `${field.label} wajib diisi sekurang-kurangnya satu butir.`) : list;
}

/**
 * The zod schema of a template's fields, derived from the same metadata that builds its form, so the
 * two cannot disagree. Messages are Indonesian and name the field by its label.
 */
export function buildFieldSchema(fields: FieldMeta[]): z.ZodObject<Record<string, z.ZodType>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const value = valueSchema(field);
    shape[field.name] = field.required ? value : z.preprocess(blankAsMissing, value.optional());
  }
  return z.object(shape, {
    error: (issue) =>
      issue.input == null ? 'Isian naskah wajib diisi.' : 'Isian naskah harus berupa objek.',
  });
}

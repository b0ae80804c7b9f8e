import { SIFAT, SIFAT_LABELS, URGENCIES, URGENCY_LABELS } from '../../lib/letters/letter-options';
import { todayWib } from './incoming-view';

interface FieldError {
  field: string;
  message: string;
}

const options = (values: readonly string[], labels: Record<string, string>, chosen: string | undefined) =>
  values.map((value) => ({ value, label: labels[value], selected: value === chosen }));

/** The paper-letter form's fields, with what was typed and each field's error. */
export function paperForm(values: Record<string, string>, errors: FieldError[]) {
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => ({
    name,
    label,
    type: 'text',
    col: 'col-md-6',
    required: true,
    value: values[name] ?? '',
    error: errors.find((e) => e.field === name)?.message,
    ...extra,
  });
  return [
    field('senderName', 'Pengirim (instansi/nama)', { col: 'col-12' }),
    field('number', 'Nomor surat'),
    field('letterDate', 'Tanggal surat', { type: 'date' }),
    field('subject', 'Perihal', { col: 'col-12' }),
    field('sifat', 'Sifat', {
      col: 'col-md-4',
      options: options(SIFAT, SIFAT_LABELS, values.sifat ?? 'biasa'),
    }),
    field('urgency', 'Urgensi', {
      col: 'col-md-4',
      options: options(URGENCIES, URGENCY_LABELS, values.urgency ?? 'biasa'),
    }),
    field('classification', 'Klasifikasi', { col: 'col-md-4', list: 'klasifikasi-list' }),
    field('receivedAt', 'Tanggal diterima', { type: 'date', value: values.receivedAt ?? todayWib() }),
  ];
}

/**
 * The moment a letter was received from the date typed (WIB): now when it is today, else 08.00 WIB of
 * that day; undefined (the workflow's default, now) when none was given.
 */
export function receivedAtOf(date: unknown, now = new Date()): string | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || date === todayWib(now))
    return undefined;
  const at = new Date(`${date}T08:00:00+07:00`);
  return Number.isNaN(at.getTime()) || at > now ? undefined : at.toISOString();
}

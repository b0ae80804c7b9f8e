import { parseIsoDate } from './parse-iso-date';

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** "28 November 2026", or with the weekday "Sabtu, 28 November 2026", as naskah dinas write dates. */
export function formatIndonesianDate(iso: string, options: { weekday?: boolean } = {}): string {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not an ISO calendar date: ${iso}`);
  const text = `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
  return options.weekday ? `${WEEKDAYS[date.weekday]}, ${text}` : text;
}

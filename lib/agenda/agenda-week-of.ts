import { wibDateOf } from '../archive/wib-date-of';

const DAY_MS = 86_400_000;

/** The ISO 8601 week ("2026-W49") an instant falls in, by the calendar in Asia/Jakarta. */
export function agendaWeekOf(at: Date): string {
  const day = new Date(`${wibDateOf(at)}T00:00:00Z`);
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

import { WIB_OFFSET_MS } from '../archive/wib-day-range';
import { agendaWeekOf } from './agenda-week-of';

const DAY_MS = 86_400_000;

/**
 * Monday 00:00 WIB of an ISO 8601 week ("2026-W49"); null when there is no such week (W53 of a year
 * with 52, W00, a malformed value).
 */
export function agendaWeekStart(week: string): Date | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const [year, number] = [Number(match[1]), Number(match[2])];
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  const start = new Date(monday - WIB_OFFSET_MS);
  return number >= 1 && agendaWeekOf(start) === week ? start : null;
}

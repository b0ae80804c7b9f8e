/**
 * Due times that count only working hours. Deterministic and free of imports: the workflow bundle
 * uses it to place step deadlines.
 */

/** The regency's working calendar, fixed into a letter's workflow when it starts. */
export interface WorkCalendar {
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday), in WIB. */
  workingDays: number[];
  /** Public holidays and collective leave days, yyyy-mm-dd in WIB. */
  holidays: string[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** WIB is UTC+7 all year (Indonesia has no daylight saving time). */
const WIB_OFFSET_MS = 7 * HOUR_MS;

/**
 * The moment `hours` after `startMs`; with a calendar, hours on days off do not count.
 *
 * Rules (days judged in WIB): every hour of a working day counts, around the clock; a day that is not
 * a working weekday, or is a holiday, counts nothing. So Friday 15:00 WIB + 24 h with Saturday and
 * Sunday off is Monday 15:00 WIB, and a step started on a day off starts counting at 00:00 WIB of the
 * next working day. A step that ends exactly at midnight is due at that midnight. Zero hours: due at
 * the start. Without a calendar (letters started before calendars existed), or with one that has no
 * working day at all, plain addition, so old histories replay identically and nothing loops forever.
 */
export function dueAfter(startMs: number, hours: number, calendar?: WorkCalendar): number {
  const workingDays = new Set(
    (calendar?.workingDays ?? []).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7),
  );
  if (!calendar || workingDays.size === 0 || !(hours > 0)) return startMs + hours * HOUR_MS;
  const holidays = new Set(calendar.holidays);
  let remaining = hours * HOUR_MS;
  // Local WIB time as if it were UTC: whole days are then multiples of DAY_MS.
  let local = startMs + WIB_OFFSET_MS;
  // Each pass consumes one calendar day; the holidays are finite, so working days keep coming.
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
    const weekday = ((((Math.floor(local / DAY_MS) + 3) % 7) + 7) % 7) + 1;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    if (workingDays.has(weekday) && !holidays.has(date)) {
      if (remaining <= dayEnd - local) return local + remaining - WIB_OFFSET_MS;
      remaining -= dayEnd - local;
    }
    local = dayEnd;
  }
}

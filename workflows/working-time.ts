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

/**
 * The moment `hours` after `startMs`; with a calendar, hours on days off do not count.
 * Stub until the system-settings work lands: plain addition.
 */
export function dueAfter(startMs: number, hours: number, _calendar?: WorkCalendar): number {
  return startMs + hours * HOUR_MS;
}

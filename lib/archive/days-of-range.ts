/**
 * Up to this many days, a regency-wide date range without words is read a day at a time (see
 * pageOfNewest). Each day is one more part of a UNION, and SQLite allows 500.
 */
export const DAILY_RANGE_DAYS = 186;

const DAY_MS = 86_400_000;

/**
 * Each calendar day from `from` to `to` ('YYYY-MM-DD'), or undefined when either end is open or the
 * range is empty or longer than DAILY_RANGE_DAYS.
 */
export function daysOfRange(from?: string, to?: string): string[] | undefined {
  if (!from || !to) return undefined;
  const first = Date.parse(`${from}T00:00:00Z`);
  const count = (Date.parse(`${to}T00:00:00Z`) - first) / DAY_MS + 1;
  if (!(count >= 1 && count <= DAILY_RANGE_DAYS)) return undefined;
  return Array.from({ length: count }, (_, n) => new Date(first + n * DAY_MS).toISOString().slice(0, 10));
}

const DAY_MS = 86_400_000;

/**
 * Whole days from `now` until `end`, rounded up: 1 on the last day, 0 or less once it has passed. So
 * "within N days" is exactly `daysUntil(end, now) <= N`.
 */
export function daysUntil(end: Date, now: Date): number {
  return Math.ceil((end.getTime() - now.getTime()) / DAY_MS);
}

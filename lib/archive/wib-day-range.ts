/** WIB is UTC+7 all year (no daylight saving). */
export const WIB_OFFSET_MS = 7 * 3_600_000;

/**
 * The instants that bound calendar days in Asia/Jakarta: from 00:00 WIB of `from` (inclusive) to
 * 00:00 WIB of the day after `to` (exclusive). Both are yyyy-mm-dd strings already validated.
 */
export function wibDayRange(from: string, to: string): { start: Date; end: Date } {
  const midnight = (iso: string) => Date.parse(`${iso}T00:00:00Z`) - WIB_OFFSET_MS;
  return { start: new Date(midnight(from)), end: new Date(midnight(to) + 24 * 3_600_000) };
}

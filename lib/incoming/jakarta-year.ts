/** WIB is UTC+7 all year (no daylight saving): a letter received on 31 December 20:00 UTC is in the next year. */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The calendar year of an instant in Asia/Jakarta (WIB), the year of the agenda register. */
export function jakartaYear(at: Date): number {
  return new Date(at.getTime() + WIB_OFFSET_MS).getUTCFullYear();
}

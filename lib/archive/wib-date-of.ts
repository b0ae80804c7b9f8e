import { WIB_OFFSET_MS } from './wib-day-range';

/** The calendar day (yyyy-mm-dd) an instant falls on in Asia/Jakarta. */
export function wibDateOf(at: Date): string {
  return new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

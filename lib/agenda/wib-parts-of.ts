import { WIB_OFFSET_MS } from '../archive/wib-day-range';

/** An instant as the date (yyyy-mm-dd) and time (hh:mm) a form shows in WIB. */
export function wibPartsOf(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + WIB_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

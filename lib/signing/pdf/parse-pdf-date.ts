const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?$/;

/** A PDF date string as ISO 8601 UTC; null when it is not a valid PDF date. */
export function parsePdfDate(text: string): string | null {
  const m = PDF_DATE.exec(text.trim());
  if (!m) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] = m;
  if (+month < 1 || +month > 12 || +day < 1 || +day > 31 || +hour > 23 || +minute > 59 || +second > 59)
    return null;
  const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  // Without an offset the time is "local" to an unknown zone; UTC is the only honest reading.
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (+m[9] * 60 + +(m[10] ?? 0)) : 0;
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}

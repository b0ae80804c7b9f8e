/**
 * The VTIMEZONE of the feed's calendar, for ical-generator's `timezone.generator`. Asia/Jakarta (WIB)
 * is UTC+7 all year without daylight saving, so one STANDARD rule describes it and no timezone
 * database package is needed. Other zones get none (the feed only uses WIB).
 */
export function agendaFeedTimezone(timezone: string): string | null {
  if (timezone !== 'Asia/Jakarta') return null;
  return [
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Jakarta',
    'X-LIC-LOCATION:Asia/Jakarta',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:WIB',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

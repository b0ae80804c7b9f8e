/** The instant of a date (yyyy-mm-dd) and time (hh:mm) typed in WIB (Asia/Jakarta, UTC+7 all year). */
export function wibDateTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00.000+07:00`);
}

const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'medium',
});

/** A moment in WIB to the second, as audit reports and workflow histories need to tell events apart. */
export function formatWibTime(date: Date): string {
  return `${wib.format(date)} WIB`;
}

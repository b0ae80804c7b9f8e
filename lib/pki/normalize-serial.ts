/** Serials as people paste them (`4A:0B…`, upper case, leading zeros) in the stored form: lowercase hex. */
export function normalizeSerial(serial: string): string {
  const hex = serial
    .replace(/[\s:]/g, '')
    .toLowerCase()
    .replace(/^(00)+(?=.)/, '');
  return /^[0-9a-f]+$/.test(hex) ? hex : '';
}

/**
 * A PDF text string literal: printable ASCII as a literal string, anything else as UTF-16BE with a
 * byte order mark in hex, so names like "Dr. H. Suhardiman Amby, M.M." or non-Latin text survive.
 */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, '\\$&')})`;
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return `<feff${utf16.toString('hex')}>`;
}

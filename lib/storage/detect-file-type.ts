export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type DetectedType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'text/csv' | typeof XLSX_MIME;

const SIGNATURES: [DetectedType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// Control characters other than tab, line feed and carriage return: a text file has none.
const isControl = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;
const startsWith = (bytes: Buffer, magic: number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * The type by content, never by the name or the browser's claim: a renamed executable is not a PDF.
 * Documents of a known kind are told by their magic bytes first (a PDF can be plain text); an XLSX is
 * a ZIP holding `[Content_Types].xml` and an `xl/` folder (names are stored uncompressed in the ZIP's
 * headers); a CSV has no magic bytes, so it is valid UTF-8 text without control characters.
 */
export function detectFileType(bytes: Buffer): DetectedType | null {
  for (const [type, magic] of SIGNATURES) if (startsWith(bytes, magic)) return type;
  if (startsWith(bytes, ZIP)) {
    return bytes.includes('[Content_Types].xml') && bytes.includes('xl/') ? XLSX_MIME : null;
  }
  if (bytes.some(isControl)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/csv';
  } catch {
    return null;
  }
}

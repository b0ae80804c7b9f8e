export type DetectedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: [DetectedType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The type by content, never by the name or the browser's claim: a renamed executable is not a PDF. */
export function detectFileType(bytes: Buffer): DetectedType | null {
  for (const [type, magic] of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type SpreadsheetType = 'text/csv' | typeof XLSX_MIME;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// Control characters other than tab, line feed and carriage return: a text file has none.
const isControl = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;

/**
 * A spreadsheet export by content: an XLSX is a ZIP holding `[Content_Types].xml` and an `xl/` folder
 * (names are stored uncompressed in the ZIP's headers); a CSV has no magic bytes, so it must be valid
 * UTF-8 text without control characters, and not a document of a known kind (a PDF can be plain
 * text). Anything else (a renamed binary) is null.
 */
export function detectSpreadsheetType(bytes: Buffer): SpreadsheetType | null {
  if (detectFileType(bytes)) return null;
  if (ZIP.every((b, i) => bytes[i] === b)) {
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

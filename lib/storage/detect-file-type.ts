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

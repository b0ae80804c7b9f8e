/** The longest term kept; a longer word is indexed (and searched) by its first 64 characters. */
export const MAX_TERM_LENGTH = 64;

/**
 * The words of a text as the archive search indexes and matches them: lower case, accents dropped,
 * runs of ASCII letters and digits ("000.1/27/DISKOMINFO/2026" is 000, 1, 27, diskominfo, 2026), each once.
 */
export function searchWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.slice(0, MAX_TERM_LENGTH));
  return [...new Set(words)];
}

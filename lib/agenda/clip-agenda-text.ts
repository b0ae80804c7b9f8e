/**
 * Letter text as one line that fits an agenda column: an invitation's "acara" or a subject may be long
 * and span lines, while a calendar title or place is one short line.
 */
export function clipAgendaText(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

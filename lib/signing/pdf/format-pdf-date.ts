/** A PDF date string (ISO 32000-1 §7.9.4) in UTC, e.g. `D:20260105083000Z`. */
export function formatPdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

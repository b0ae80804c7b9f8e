const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

function words(n: number): string {
  if (n < 10) return UNITS[n];
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${UNITS[n - 10]} belas`;
  const rest = n % 10;
  return `${UNITS[Math.floor(n / 10)]} puluh${rest ? ` ${UNITS[rest]}` : ''}`;
}

/** The label of the n-th diktum of a keputusan: KESATU, KEDUA, …, KESEBELAS, KEDUA BELAS, KEDUA PULUH SATU. */
export function diktumOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`diktum number out of range: ${n}`);
  return `KE${words(n).toUpperCase()}`;
}

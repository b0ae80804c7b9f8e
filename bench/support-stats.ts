/** Median and 95th percentile (nearest rank) of a list of times in ms. */
export function stats(ms: number[]): { median: number; p95: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

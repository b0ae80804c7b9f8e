/** "23 surat", or for a capped count (countUpTo) "Lebih dari 10.000 surat", so the page never claims an exact figure it did not count. */
export function totalLabel(total: number, capped: boolean, noun = 'surat'): string {
  return capped ? `Lebih dari ${total.toLocaleString('id-ID')} ${noun}` : `${total} ${noun}`;
}

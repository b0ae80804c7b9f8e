import { stringify } from 'csv-stringify/sync';
import type { AgendaBook } from './load-agenda-book';

/** The agenda book as CSV, UTF-8 with a byte-order mark so that Excel reads the accents right. */
export function agendaBookCsv(book: AgendaBook): Buffer {
  const csv = stringify(book.rows, {
    header: true,
    bom: true,
    columns: book.columns.map((c) => ({ key: c.key, header: c.header })),
  });
  return Buffer.from(csv, 'utf8');
}

import type { Knex } from 'knex';

/** Rows (or ids) per statement: knex writes SQLite's multi-row INSERT as one SELECT of at most 500 parts. */
export const INSERT_CHUNK = 400;

/** All suffixes of a term, itself included: the rows of search_term_suffixes that find it. */
export const suffixesOf = (term: string) => [...term].map((_, i) => term.slice(i));

/** Inserts rows INSERT_CHUNK at a time; `skipExisting` leaves out a row whose key is already there. */
export async function insertChunked(
  db: Knex,
  table: string,
  rows: object[],
  options: { skipExisting?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const insert = db(table).insert(rows.slice(i, i + INSERT_CHUNK));
    await (options.skipExisting ? insert.onConflict().ignore() : insert);
  }
}

/**
 * The ids of these terms, adding to the vocabulary (with their suffixes) the ones it lacks. Another
 * transaction may add the same term meanwhile: the insert then skips it, and the locking read sees
 * the row that other transaction committed, which a plain read of this transaction's snapshot would not.
 */
export async function termIds(db: Knex, terms: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const read = async (wanted: string[], locking: boolean) => {
    for (let i = 0; i < wanted.length; i += INSERT_CHUNK) {
      const query = db('search_terms').whereIn('term', wanted.slice(i, i + INSERT_CHUNK));
      if (locking) query.forShare();
      for (const r of await query.select('id', 'term')) ids.set(String(r.term), Number(r.id));
    }
  };
  await read(terms, false);
  // In one order everywhere: fewer deadlocks between transactions adding the same new terms, though
  // MariaDB's gap locks still make some, so the writers run in transactionRetryingDeadlocks.
  const missing = terms.filter((t) => !ids.has(t)).sort();
  if (!missing.length) return ids;
  await insertChunked(
    db,
    'search_terms',
    missing.map((term) => ({ term })),
    { skipExisting: true },
  );
  await read(missing, true);
  await insertChunked(
    db,
    'search_term_suffixes',
    missing.flatMap((term) => suffixesOf(term).map((suffix) => ({ suffix, term_id: ids.get(term) }))),
    { skipExisting: true },
  );
  return ids;
}

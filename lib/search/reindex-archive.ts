import type { Knex } from 'knex';
import { indexArchiveText } from './index-archive-text';

const BATCH = 1000;

/**
 * Builds the archive search's postings of every letter, outgoing and incoming, batch by batch; with
 * `since`, only of the letters changed from then on (a catch-up after an upgrade, for what the previous
 * release wrote without indexing while the new one was being rolled out). Returns how many it read.
 */
export async function reindexArchive(
  db: Knex,
  options: { since?: Date } = {},
): Promise<{ keluar: number; masuk: number }> {
  const counts = { keluar: 0, masuk: 0 };
  for (const [kind, table] of [
    ['keluar', 'letters'],
    ['masuk', 'incoming_letters'],
  ] as const) {
    for (let after = 0; ;) {
      const query = db(table).where('id', '>', after).orderBy('id').limit(BATCH);
      if (options.since) query.where('updated_at', '>=', options.since);
      const ids = (await query.pluck('id')).map(Number);
      if (!ids.length) break;
      await indexArchiveText(db, kind, ids);
      counts[kind] += ids.length;
      after = ids[ids.length - 1];
    }
  }
  return counts;
}

import type { Knex } from 'knex';
import { reindexArchive } from '../lib/search/reindex-archive';

/** The archive search reads postings only: index the letters written before it did. */
export async function up(db: Knex): Promise<void> {
  await reindexArchive(db);
}

export async function down(db: Knex): Promise<void> {
  await db('search_postings').delete();
}

import type { Knex } from 'knex';

/**
 * The archive search's vocabulary: every word (lower case ASCII letters and digits) ever indexed,
 * compared byte by byte on MariaDB/MySQL as on SQLite (see lettersContaining).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('search_terms', (t) => {
    t.increments('id');
    t.string('term', 64).collate('ascii_bin').notNullable().unique();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('search_terms');
}

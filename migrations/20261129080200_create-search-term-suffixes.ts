import type { Knex } from 'knex';

/**
 * Every suffix of every term: a word contains a typed part exactly when one of its suffixes starts
 * with it, so "anggaran" finds "penganggaran" by an index range instead of a scan of the vocabulary.
 * No foreign key: terms are never deleted, and MariaDB would add a second index on term_id for it.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('search_term_suffixes', (t) => {
    t.string('suffix', 64).collate('ascii_bin').notNullable();
    t.integer('term_id').unsigned().notNullable();
    t.primary(['suffix', 'term_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('search_term_suffixes');
}

import type { Knex } from 'knex';

/**
 * Issued official documents: what the public verification page (/verifikasi/<code>) shows, and the
 * latest signed PDF whose bytes an uploaded copy must match.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('documents', (t) => {
    t.increments('id');
    t.string('code', 32).notNullable().unique();
    t.integer('letter_id').unsigned().nullable().references('id').inTable('letters');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.string('kind', 64).notNullable();
    t.string('subject', 500).notNullable();
    t.string('number', 100).nullable();
    t.date('document_date').nullable();
    t.string('sifat', 32).notNullable();
    t.integer('current_file_id').unsigned().nullable().references('id').inTable('files');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['letter_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('documents');
}

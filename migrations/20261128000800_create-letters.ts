import type { Knex } from 'knex';

/** Outgoing letters (surat keluar): one row per letter, its lifecycle run by workflow `letter-<id>`. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('letters', (t) => {
    t.increments('id');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.integer('drafter_id').unsigned().notNullable().references('id').inTable('users');
    t.string('kind', 64).notNullable();
    t.string('subject', 500).notNullable();
    t.string('sifat', 32).notNullable();
    t.string('urgency', 32).notNullable();
    t.string('classification', 32).notNullable();
    t.string('status', 32).notNullable();
    // No foreign key: letter_versions references letters, and the current version follows each save.
    t.integer('current_version_id').unsigned().nullable();
    t.integer('signer_id').unsigned().nullable().references('id').inTable('users');
    t.string('number', 100).nullable();
    t.date('number_date').nullable();
    t.integer('signed_file_id').unsigned().nullable().references('id').inTable('files');
    t.string('verification_code', 64).nullable().unique();
    t.datetime('sent_at', { precision: 3 }).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['opd_id', 'status']);
    t.index(['drafter_id', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('letters');
}

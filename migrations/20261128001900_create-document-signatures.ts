import type { Knex } from 'knex';

/** One row per signature applied to a document, in order; each produces a new immutable file. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('document_signatures', (t) => {
    t.increments('id');
    t.integer('document_id').unsigned().notNullable().references('id').inTable('documents');
    t.integer('certificate_id').unsigned().notNullable().references('id').inTable('certificates');
    t.integer('signer_id').unsigned().notNullable().references('id').inTable('users');
    t.string('signer_name', 200).notNullable();
    t.string('signer_position', 300).notNullable();
    t.string('signer_nip', 18).nullable();
    t.integer('input_file_id').unsigned().notNullable().references('id').inTable('files');
    t.integer('output_file_id').unsigned().notNullable().references('id').inTable('files');
    t.datetime('signed_at', { precision: 3 }).notNullable();
    t.index(['document_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('document_signatures');
}

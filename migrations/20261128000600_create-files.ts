import type { Knex } from 'knex';

/** Metadata of the content-addressed file store; the bytes live under DATA_DIR/files by SHA-256. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('files', (t) => {
    t.increments('id');
    t.string('sha256', 64).notNullable().unique();
    t.bigInteger('size').unsigned().notNullable();
    t.string('mime', 100).notNullable();
    t.string('original_name', 255).notNullable().defaultTo('');
    t.integer('created_by').unsigned().nullable().references('id').inTable('users');
    t.datetime('created_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('files');
}

import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('letter_versions', (t) => {
    t.increments('id');
    t.integer('letter_id').unsigned().notNullable().references('id').inTable('letters').onDelete('CASCADE');
    t.integer('version_no').unsigned().notNullable();
    t.integer('author_id').unsigned().notNullable().references('id').inTable('users');
    t.text('fields').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['letter_id', 'version_no']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('letter_versions');
}

import type { Knex } from 'knex';

/** Files attached to a follow-up report, kept in the file store. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('follow_up_files', (t) => {
    t.increments('id');
    t.integer('follow_up_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('disposition_follow_ups')
      .onDelete('CASCADE');
    t.integer('file_id').unsigned().notNullable().references('id').inTable('files');
    t.string('original_name', 255).notNullable().defaultTo('');
    t.index(['follow_up_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('follow_up_files');
}

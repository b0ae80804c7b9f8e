import type { Knex } from 'knex';

/** Files reported as an agenda item's output (minutes, photos, a report), in the file store. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('agenda_output_files', (t) => {
    t.increments('id').primary();
    t.integer('agenda_item_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('agenda_items')
      .onDelete('CASCADE');
    t.integer('file_id').unsigned().notNullable().references('id').inTable('files');
    t.string('name', 255).notNullable();
    t.unique(['agenda_item_id', 'file_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('agenda_output_files');
}

import type { Knex } from 'knex';

/** The people an agenda item names (besides its responsible person): they see it and get its reminders. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('agenda_participants', (t) => {
    t.integer('agenda_item_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('agenda_items')
      .onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users');
    t.primary(['agenda_item_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('agenda_participants');
}

import type { Knex } from 'knex';

/** Per-user choice of which notifications also go out by e-mail (none unless the user asks). */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('notification_preferences', (t) => {
    t.integer('user_id').unsigned().primary().references('id').inTable('users').onDelete('CASCADE');
    t.boolean('email_enabled').notNullable().defaultTo(false);
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('notification_preferences');
}

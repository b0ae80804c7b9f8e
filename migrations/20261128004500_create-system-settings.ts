import type { Knex } from 'knex';

/**
 * What the superadmin changed of the system settings, one row per setting (a JSON value); a setting
 * without a row takes its value from configuration.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('system_settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
    t.integer('updated_by').unsigned().nullable().references('id').inTable('users').onDelete('SET NULL');
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('system_settings');
}

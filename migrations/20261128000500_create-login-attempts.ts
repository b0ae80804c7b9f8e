import type { Knex } from 'knex';

/** Failed logins per typed username, whether or not such a user exists (no enumeration by lockout). */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('login_attempts', (t) => {
    t.string('username', 64).primary();
    t.integer('failures').unsigned().notNullable().defaultTo(0);
    t.datetime('last_failure_at', { precision: 3 }).nullable();
    t.datetime('locked_until', { precision: 3 }).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('login_attempts');
}

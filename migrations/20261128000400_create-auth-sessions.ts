import type { Knex } from 'knex';

/** Browser sessions and API bearer tokens; only the SHA-256 of the secret is stored. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('auth_sessions', (t) => {
    t.string('id', 64).primary();
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('kind', 16).notNullable();
    t.string('csrf_token', 64).nullable();
    t.string('ip', 64).notNullable().defaultTo('');
    t.string('user_agent', 300).notNullable().defaultTo('');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('last_seen_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.index(['user_id']);
    t.index(['expires_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('auth_sessions');
}

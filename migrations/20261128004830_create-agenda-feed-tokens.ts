import type { Knex } from 'knex';

/**
 * A person's private iCalendar feed address: only the token's SHA-256 is kept, so the database alone
 * cannot open anyone's feed; a new token (or none) revokes the old address.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('agenda_feed_tokens', (t) => {
    t.integer('user_id').unsigned().primary().references('id').inTable('users').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.datetime('created_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('agenda_feed_tokens');
}

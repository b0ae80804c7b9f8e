import type { Knex } from 'knex';

/**
 * A person's dispositions by letter (listIncoming 'mine' groups them per incoming letter): the index
 * alone answers it, without reading each disposition row.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('dispositions', (t) => {
    t.index(['to_user_id', 'status', 'incoming_letter_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('dispositions', (t) => {
    t.dropIndex(['to_user_id', 'status', 'incoming_letter_id']);
  });
}

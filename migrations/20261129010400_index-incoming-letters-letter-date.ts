import type { Knex } from 'knex';

/** The archive search's date range on incoming letters: read only the letters dated in the range. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['letter_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropIndex(['letter_date']);
  });
}

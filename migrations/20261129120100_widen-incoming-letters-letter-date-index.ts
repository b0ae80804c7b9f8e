import type { Knex } from 'knex';

/** As 20261129120000 for incoming letters, sorted by their receipt. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['letter_date', 'received_at']);
    t.dropIndex(['letter_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['letter_date']);
    t.dropIndex(['letter_date', 'received_at']);
  });
}

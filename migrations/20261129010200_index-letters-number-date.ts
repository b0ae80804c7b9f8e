import type { Knex } from 'knex';

/** The archive search's date range on outgoing letters: read only the letters numbered in the range. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['number_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['number_date']);
  });
}

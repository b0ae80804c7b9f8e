import type { Knex } from 'knex';

/**
 * The dates of an incoming letter by its id, in a small index: a person's letters (their dispositions)
 * are put in date order or filtered by a date range from it, reading only the rows on the page or in
 * the range instead of every letter they ever had. Named, as the lists ask MariaDB for it by name.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['id', 'letter_date', 'received_at'], 'incoming_letters_id_dates_index');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropIndex(['id', 'letter_date', 'received_at'], 'incoming_letters_id_dates_index');
  });
}

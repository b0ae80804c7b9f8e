import type { Knex } from 'knex';

/**
 * A person's many incoming letters (their dispositions) are searched for a word within their OPDs:
 * with the OPD beside the id and dates, those are read from this small index alone. Named, as the
 * lists ask MariaDB for it by name.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['id', 'letter_date', 'received_at', 'opd_id'], 'incoming_letters_id_dates_opd_index');
    t.dropIndex(['id', 'letter_date', 'received_at'], 'incoming_letters_id_dates_index');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['id', 'letter_date', 'received_at'], 'incoming_letters_id_dates_index');
    t.dropIndex(['id', 'letter_date', 'received_at', 'opd_id'], 'incoming_letters_id_dates_opd_index');
  });
}

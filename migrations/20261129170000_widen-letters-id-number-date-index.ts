import type { Knex } from 'knex';

/**
 * A person's letters (the steps they hold) and a word's matches are sorted by the letters' last change,
 * and a person's many letters searched for a word within their OPDs: with that time and the OPD beside
 * the id and date, both are read from this small index alone, not letter by letter from the table.
 * Named, as the search asks MariaDB for it by name.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['id', 'number_date', 'updated_at', 'opd_id'], 'letters_id_dates_opd_index');
    t.dropIndex(['id', 'number_date'], 'letters_id_number_date_index');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['id', 'number_date'], 'letters_id_number_date_index');
    t.dropIndex(['id', 'number_date', 'updated_at', 'opd_id'], 'letters_id_dates_opd_index');
  });
}

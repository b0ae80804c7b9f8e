import type { Knex } from 'knex';

/**
 * A person's letters (the steps they hold) and a word's matches are sorted by the letters' last change:
 * with that time beside the id and date, they are read from this small index alone, not letter by
 * letter from the table. Named, as the search asks MariaDB for it by name.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['id', 'number_date', 'updated_at'], 'letters_id_number_date_updated_at_index');
    t.dropIndex(['id', 'number_date'], 'letters_id_number_date_index');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['id', 'number_date'], 'letters_id_number_date_index');
    t.dropIndex(['id', 'number_date', 'updated_at'], 'letters_id_number_date_updated_at_index');
  });
}

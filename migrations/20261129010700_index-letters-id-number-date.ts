import type { Knex } from 'knex';

/**
 * The numbering date of a letter by its id, in a small index: the archive search filters the letters
 * a person verified (their steps) by date from it, reading only the rows in the range. Named, as the
 * search asks MariaDB for it by name.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['id', 'number_date'], 'letters_id_number_date_index');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['id', 'number_date'], 'letters_id_number_date_index');
  });
}

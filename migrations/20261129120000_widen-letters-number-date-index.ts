import type { Knex } from 'knex';

/**
 * The archive's date range over every letter (a superadmin's) is sorted by the letters' last change:
 * with that time beside the date, the range is read from the index alone, not letter by letter.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['number_date', 'updated_at']);
    t.dropIndex(['number_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['number_date']);
    t.dropIndex(['number_date', 'updated_at']);
  });
}

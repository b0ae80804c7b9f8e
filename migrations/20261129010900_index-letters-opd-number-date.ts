import type { Knex } from 'knex';

/** An OPD's archive search (its bagian umum) over a date range: read only that OPD's letters numbered in the range. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['opd_id', 'number_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['opd_id', 'number_date']);
  });
}

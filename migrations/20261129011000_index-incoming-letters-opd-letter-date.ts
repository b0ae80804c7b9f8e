import type { Knex } from 'knex';

/** An OPD's archive search (its bagian umum) over a date range: read only that OPD's incoming letters dated in the range. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['opd_id', 'letter_date']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropIndex(['opd_id', 'letter_date']);
  });
}

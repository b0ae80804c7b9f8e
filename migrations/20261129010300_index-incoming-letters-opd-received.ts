import type { Knex } from 'knex';

/** An OPD's incoming box (listIncoming), newest received first: read in index order instead of sorting. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['opd_id', 'received_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropIndex(['opd_id', 'received_at']);
  });
}

import type { Knex } from 'knex';

/**
 * The regency's incoming letters, newest first (the archive of a superadmin without words): read in
 * order from this index instead of sorting every incoming letter for one page.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.index(['received_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropIndex(['received_at']);
  });
}

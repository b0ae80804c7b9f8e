import type { Knex } from 'knex';

/** Every OPD's letter archive (listLetters for a superadmin), newest first: read in index order, stopping at the page. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['updated_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['updated_at']);
  });
}

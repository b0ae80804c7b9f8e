import type { Knex } from 'knex';

/** An OPD's letter archive (listLetters), newest first: read in index order instead of sorting the OPD's letters. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['opd_id', 'updated_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['opd_id', 'updated_at']);
  });
}

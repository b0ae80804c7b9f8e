import type { Knex } from 'knex';

/**
 * Where a person's record comes from: 'smart' (kept by the staff sync, which may deactivate it) or
 * 'local' (made in e-Office: the sync never touches it unless it appears in the export); and the rank.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.string('source', 8).notNullable().defaultTo('local');
    t.string('rank', 100).notNullable().defaultTo('');
    t.index(['source']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.dropIndex(['source']);
    t.dropColumn('rank');
    t.dropColumn('source');
  });
}

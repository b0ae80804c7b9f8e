import type { Knex } from 'knex';

/** Wrong passphrases per certificate, so repeated guesses slow down. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('certificates', (t) => {
    t.integer('unlock_failures').unsigned().notNullable().defaultTo(0);
    t.datetime('last_unlock_failure_at', { precision: 3 }).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('certificates', (t) => {
    t.dropColumn('unlock_failures');
    t.dropColumn('last_unlock_failure_at');
  });
}

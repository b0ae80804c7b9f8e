import type { Knex } from 'knex';

/** The head of the OPD (kepala): the one who may close an incoming letter for the whole OPD. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.integer('head_user_id').unsigned().nullable().references('id').inTable('users');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.dropForeign(['head_user_id']);
  });
  await db.schema.alterTable('opd', (t) => {
    t.dropColumn('head_user_id');
  });
}

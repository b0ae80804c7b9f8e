import type { Knex } from 'knex';

/**
 * When an administrator deactivated the account: the SMART sync must not reactivate such a person;
 * an administrator's reactivation clears it.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.datetime('deactivated_by_admin_at', { precision: 3 }).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.dropColumn('deactivated_by_admin_at');
  });
}

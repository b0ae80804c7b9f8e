import type { Knex } from 'knex';

/** When the bagian umum first opened an incoming letter, and when and by whom it was closed. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.datetime('read_at', { precision: 3 }).nullable();
    t.datetime('closed_at', { precision: 3 }).nullable();
    t.integer('closed_by').unsigned().nullable().references('id').inTable('users');
    t.text('close_note').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropForeign(['closed_by']);
  });
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropColumn('close_note');
    t.dropColumn('closed_by');
    t.dropColumn('closed_at');
    t.dropColumn('read_at');
  });
}

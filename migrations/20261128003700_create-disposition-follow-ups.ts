import type { Knex } from 'knex';

/** The report (tindak lanjut) that finishes a disposition: one per disposition. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('disposition_follow_ups', (t) => {
    t.increments('id');
    t.integer('disposition_id')
      .unsigned()
      .notNullable()
      .unique()
      .references('id')
      .inTable('dispositions')
      .onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users');
    t.text('report').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('disposition_follow_ups');
}

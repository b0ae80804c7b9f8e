import type { Knex } from 'knex';

/** The disposition tree of an incoming letter: each row forwards it from one person to another. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('dispositions', (t) => {
    t.increments('id');
    t.integer('incoming_letter_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('incoming_letters')
      .onDelete('CASCADE');
    t.integer('parent_id').unsigned().nullable().references('id').inTable('dispositions');
    t.integer('from_user_id').unsigned().notNullable().references('id').inTable('users');
    t.integer('to_user_id').unsigned().notNullable().references('id').inTable('users');
    t.string('instruction', 200).notNullable();
    t.text('note').nullable();
    t.datetime('due_at', { precision: 3 }).nullable();
    t.string('status', 16).notNullable();
    t.datetime('read_at', { precision: 3 }).nullable();
    t.datetime('finished_at', { precision: 3 }).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['to_user_id', 'status']);
    t.index(['incoming_letter_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('dispositions');
}

import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('users', (t) => {
    t.increments('id');
    t.integer('opd_id').unsigned().nullable().references('id').inTable('opd');
    t.string('username', 64).notNullable().unique();
    t.string('nip', 18).nullable().unique();
    t.string('name', 200).notNullable();
    t.string('position', 200).notNullable().defaultTo('');
    t.string('unit', 200).notNullable().defaultTo('');
    t.integer('superior_id').unsigned().nullable().references('id').inTable('users');
    t.string('email', 200).notNullable().defaultTo('');
    t.string('password_hash', 255).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('last_login_at', { precision: 3 }).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['opd_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('users');
}

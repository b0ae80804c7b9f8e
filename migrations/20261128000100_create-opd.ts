import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('opd', (t) => {
    t.increments('id');
    t.string('code', 32).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('short_name', 64).notNullable();
    t.string('address', 300).notNullable().defaultTo('');
    t.string('phone', 64).notNullable().defaultTo('');
    t.string('email', 200).notNullable().defaultTo('');
    t.string('website', 200).notNullable().defaultTo('');
    t.string('number_pattern', 200).notNullable().defaultTo('{klasifikasi}/{urut}/{kode}/{tahun}');
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('opd');
}

import type { Knex } from 'knex';

/** Letter numbers typed by each OPD's bagian umum; the unique keys are what refuses a duplicate. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('number_register', (t) => {
    t.increments('id');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.integer('year').unsigned().notNullable();
    t.integer('sequence').unsigned().notNullable();
    t.string('number', 100).notNullable();
    t.integer('letter_id').unsigned().nullable().references('id').inTable('letters');
    t.integer('created_by').unsigned().notNullable().references('id').inTable('users');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['opd_id', 'year', 'sequence']);
    t.unique(['opd_id', 'number']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('number_register');
}

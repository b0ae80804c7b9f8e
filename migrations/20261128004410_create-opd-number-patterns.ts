import type { Knex } from 'knex';

/** An OPD's number pattern for one kind of letter; a kind without a row uses opd.number_pattern. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('opd_number_patterns', (t) => {
    t.increments('id');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.string('kind', 64).notNullable();
    t.string('pattern', 200).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['opd_id', 'kind']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('opd_number_patterns');
}

import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('letter_recipients', (t) => {
    t.increments('id');
    t.integer('letter_id').unsigned().notNullable().references('id').inTable('letters').onDelete('CASCADE');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.string('kind', 8).notNullable(); // 'to' or 'cc' (tembusan)
    t.unique(['letter_id', 'opd_id']);
    t.index(['opd_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('letter_recipients');
}

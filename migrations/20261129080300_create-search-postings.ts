import type { Knex } from 'knex';

/**
 * Which letters hold which term, with the letter's OPD and date, so a search within an OPD or a date
 * range reads only that part of each matching term ('keluar': letters.id, its OPD and numbering date;
 * 'masuk': incoming_letters.id, the receiving OPD and the date written on it). Neither OPD changes.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('search_postings', (t) => {
    t.integer('term_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('search_terms')
      .onDelete('CASCADE');
    t.string('kind', 8).notNullable();
    t.integer('doc_id').unsigned().notNullable();
    t.integer('opd_id').unsigned().notNullable();
    t.date('doc_date').nullable();
    t.primary(['kind', 'doc_id', 'term_id']);
    t.index(['term_id', 'kind', 'doc_date', 'doc_id']);
    t.index(['term_id', 'kind', 'opd_id', 'doc_date', 'doc_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('search_postings');
}

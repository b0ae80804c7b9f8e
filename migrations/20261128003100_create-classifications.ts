import type { Knex } from 'knex';

/**
 * The records classification codes (kode klasifikasi arsip) a letter number carries. Seeded with the
 * top-level codes of the national classification for regional government (Permendagri 83/2022); the
 * admin adds the sub-codes the regency uses (e.g. 000.1.2) later. Codes are referenced by text from
 * letters.classification, so a code in use must not be deleted.
 */
export const TOP_LEVEL_CLASSIFICATIONS: [string, string][] = [
  ['000', 'Umum'],
  ['100', 'Pemerintahan'],
  ['200', 'Politik'],
  ['300', 'Keamanan dan Ketertiban'],
  ['400', 'Kesejahteraan Rakyat'],
  ['500', 'Perekonomian'],
  ['600', 'Pekerjaan Umum dan Ketenagaan'],
  ['700', 'Pengawasan'],
  ['800', 'Kepegawaian'],
  ['900', 'Keuangan'],
];

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('classifications', (t) => {
    t.string('code', 32).primary();
    t.string('name', 300).notNullable();
    t.string('parent_code', 32).nullable().references('code').inTable('classifications');
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['parent_code']);
  });
  const now = new Date();
  await db('classifications').insert(
    TOP_LEVEL_CLASSIFICATIONS.map(([code, name]) => ({ code, name, parent_code: null, created_at: now })),
  );
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('classifications');
}

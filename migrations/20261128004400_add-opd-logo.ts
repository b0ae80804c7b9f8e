import type { Knex } from 'knex';

/** The OPD's own logo for its kop surat (a PNG or JPEG in the file store); null: the regency emblem. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.integer('logo_file_id').unsigned().nullable().references('id').inTable('files');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.dropForeign(['logo_file_id']);
  });
  await db.schema.alterTable('opd', (t) => {
    t.dropColumn('logo_file_id');
  });
}

import type { Knex } from 'knex';

/** The form of the OPD's incoming agenda numbers; the default keeps the existing 0001/2026. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.string('agenda_pattern', 200).notNullable().defaultTo('{urut}/{tahun}');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('opd', (t) => {
    t.dropColumn('agenda_pattern');
  });
}

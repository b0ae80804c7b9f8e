import type { Knex } from 'knex';

/** The agenda register of incoming letters: a sequence per OPD and year, never given twice. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.integer('agenda_year').nullable();
    t.integer('agenda_seq').nullable();
    t.unique(['opd_id', 'agenda_year', 'agenda_seq']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropUnique(['opd_id', 'agenda_year', 'agenda_seq']);
  });
  await db.schema.alterTable('incoming_letters', (t) => {
    t.dropColumn('agenda_seq');
    t.dropColumn('agenda_year');
  });
}

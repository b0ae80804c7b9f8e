import type { Knex } from 'knex';

/**
 * Activities (kegiatan) on the agenda of a division (bidang: an OPD's unit) or of named people, with
 * the output they must produce. Added by hand or made from a letter (an invitation to attend, a Surat
 * Tugas, a disposition's due date): `source_key` makes each such item once.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('agenda_items', (t) => {
    t.increments('id').primary();
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    /** The division (users.unit); '' for the whole OPD. */
    t.string('unit', 200).notNullable().defaultTo('');
    t.string('title', 300).notNullable();
    t.string('place', 300).notNullable().defaultTo('');
    t.datetime('starts_at', { precision: 3 }).notNullable();
    t.datetime('ends_at', { precision: 3 }).notNullable();
    t.string('target_output', 1000).notNullable().defaultTo('');
    t.integer('responsible_id').unsigned().notNullable().references('id').inTable('users');
    /** 'event' (a meeting, a trip) or 'deadline' (a disposition's due date). */
    t.string('kind', 16).notNullable().defaultTo('event');
    /** 'manual', 'invitation', 'assignment', 'disposition'. */
    t.string('source', 16).notNullable().defaultTo('manual');
    t.string('source_key', 100).nullable().unique();
    t.integer('letter_id').unsigned().nullable().references('id').inTable('letters');
    t.integer('incoming_letter_id').unsigned().nullable().references('id').inTable('incoming_letters');
    t.integer('disposition_id').unsigned().nullable().references('id').inTable('dispositions');
    /** 'planned', 'done', 'cancelled'. */
    t.string('status', 16).notNullable().defaultTo('planned');
    t.text('output_report').nullable();
    t.datetime('done_at', { precision: 3 }).nullable();
    t.integer('done_by').unsigned().nullable().references('id').inTable('users');
    t.integer('created_by').unsigned().nullable().references('id').inTable('users');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['opd_id', 'unit', 'starts_at']);
    t.index(['status', 'ends_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('agenda_items');
}

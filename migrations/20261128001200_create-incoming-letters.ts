import type { Knex } from 'knex';

/** Incoming letters (surat masuk), one per receiving OPD, delivered by e-Office or registered from paper. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('incoming_letters', (t) => {
    t.increments('id');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.integer('letter_id').unsigned().nullable().references('id').inTable('letters');
    t.string('source', 16).notNullable(); // 'delivery' or 'paper'
    t.string('recipient_kind', 8).notNullable().defaultTo('to');
    t.integer('sender_opd_id').unsigned().nullable().references('id').inTable('opd');
    t.string('sender_name', 300).notNullable();
    t.string('number', 100).notNullable();
    t.date('letter_date').notNullable();
    t.string('subject', 500).notNullable();
    t.string('sifat', 32).notNullable();
    t.string('urgency', 32).notNullable();
    t.string('classification', 32).notNullable();
    t.string('agenda_number', 64).nullable();
    t.datetime('received_at', { precision: 3 }).nullable();
    t.integer('registered_by').unsigned().nullable().references('id').inTable('users');
    t.integer('scan_file_id').unsigned().nullable().references('id').inTable('files');
    t.string('status', 32).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['opd_id', 'letter_id']);
    t.index(['opd_id', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('incoming_letters');
}

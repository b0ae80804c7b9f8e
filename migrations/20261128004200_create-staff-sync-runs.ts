import type { Knex } from 'knex';

/** One row per staff sync (from SMART or an uploaded export): its progress, counts and rejected rows. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('staff_sync_runs', (t) => {
    t.increments('id');
    t.string('source', 8).notNullable();
    t.string('status', 16).notNullable();
    t.integer('file_id').unsigned().nullable().references('id').inTable('files');
    t.integer('triggered_by').unsigned().nullable().references('id').inTable('users');
    t.integer('total').notNullable().defaultTo(0);
    t.integer('processed').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('deactivated').notNullable().defaultTo(0);
    t.integer('rejected').notNullable().defaultTo(0);
    t.text('rejections').nullable();
    t.string('message', 500).nullable();
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('finished_at', { precision: 3 }).nullable();
    t.index(['started_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('staff_sync_runs');
}

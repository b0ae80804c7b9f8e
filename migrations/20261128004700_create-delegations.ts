import type { Knex } from 'knex';

/**
 * Plt / Plh: for a period, an acting official does the work of another (the principal). Rows are never
 * deleted: ending one early sets ended_at, so who could act for whom, and when, stays on record.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('delegations', (t) => {
    t.increments('id').primary();
    t.integer('principal_id').unsigned().notNullable().references('id').inTable('users');
    t.integer('acting_id').unsigned().notNullable().references('id').inTable('users');
    t.string('kind', 8).notNullable();
    t.datetime('starts_at', { precision: 3 }).notNullable();
    t.datetime('ends_at', { precision: 3 }).notNullable();
    t.string('reason', 500).notNullable();
    t.integer('created_by').unsigned().notNullable().references('id').inTable('users');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.integer('ended_by').unsigned().nullable().references('id').inTable('users');
    t.index(['principal_id', 'starts_at']);
    t.index(['acting_id', 'starts_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('delegations');
}

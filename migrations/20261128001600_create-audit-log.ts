import type { Knex } from 'knex';

/** Append-only audit trail; each row carries the hash of the one before it. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('audit_log', (t) => {
    // Assigned as last_id + 1 under the audit_head lock, so a missing row shows as a gap.
    t.integer('id').unsigned().primary();
    t.datetime('occurred_at', { precision: 3 }).notNullable();
    t.integer('actor_id').unsigned().nullable();
    t.integer('opd_id').unsigned().nullable();
    t.string('action', 64).notNullable();
    t.string('entity_type', 32).notNullable();
    t.string('entity_id', 64).nullable();
    t.text('data').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['entity_type', 'entity_id']);
    t.index(['actor_id']);
    t.index(['occurred_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('audit_log');
}

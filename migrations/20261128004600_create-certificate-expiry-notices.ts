import type { Knex } from 'knex';

/**
 * Which expiry warnings (30 days, 7 days before the end) were sent for a certificate: the unique key
 * makes the daily run send each one once, even when it runs twice or two runs overlap.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('certificate_expiry_notices', (t) => {
    t.increments('id');
    t.integer('certificate_id').unsigned().notNullable().references('id').inTable('certificates');
    t.integer('threshold_days').notNullable();
    t.datetime('sent_at', { precision: 3 }).notNullable();
    t.unique(['certificate_id', 'threshold_days']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('certificate_expiry_notices');
}

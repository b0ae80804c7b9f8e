import type { Knex } from 'knex';

/** One row holding the chain's last hash; locking it serialises concurrent appends to audit_log. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('audit_head', (t) => {
    t.integer('id').unsigned().primary();
    t.integer('last_id').unsigned().notNullable();
    t.string('last_hash', 64).notNullable();
  });
  await db('audit_head').insert({ id: 1, last_id: 0, last_hash: '0'.repeat(64) });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('audit_head');
}

import type { Knex } from 'knex';

/** Steps of an outgoing letter: ordered verifications, numbering and signing, each with a due time. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('letter_steps', (t) => {
    t.increments('id');
    t.integer('letter_id').unsigned().notNullable().references('id').inTable('letters').onDelete('CASCADE');
    t.integer('seq').unsigned().notNullable();
    t.string('kind', 16).notNullable();
    // Numbering steps belong to the OPD's admins as a group, so the assignee may be empty.
    t.integer('assignee_id').unsigned().nullable().references('id').inTable('users');
    t.integer('opd_id').unsigned().notNullable().references('id').inTable('opd');
    t.string('status', 16).notNullable();
    t.integer('approved_version_id').unsigned().nullable().references('id').inTable('letter_versions');
    t.text('note').nullable();
    t.datetime('due_at', { precision: 3 }).nullable();
    t.datetime('acted_at', { precision: 3 }).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['letter_id', 'seq']);
    t.index(['assignee_id', 'status']);
    t.index(['opd_id', 'kind', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('letter_steps');
}

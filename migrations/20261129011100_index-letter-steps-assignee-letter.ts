import type { Knex } from 'knex';

/**
 * The letters a person holds a step of (the archive search's access path for verifiers and signers):
 * the index alone answers it, without reading each step row.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letter_steps', (t) => {
    t.index(['assignee_id', 'letter_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letter_steps', (t) => {
    t.dropIndex(['assignee_id', 'letter_id']);
  });
}

import type { Knex } from 'knex';

/** The hash of the last progress recorded for a letter, so a retried recordProgress changes nothing. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.string('progress_key', 64).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.dropColumn('progress_key');
  });
}

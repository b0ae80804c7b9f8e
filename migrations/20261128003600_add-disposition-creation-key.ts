import type { Knex } from 'knex';

/** A retried createDispositions activity finds the rows it already wrote by this key (one per receiver). */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('dispositions', (t) => {
    t.string('creation_key', 200).nullable().unique();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('dispositions', (t) => {
    t.dropUnique(['creation_key']);
  });
  await db.schema.alterTable('dispositions', (t) => {
    t.dropColumn('creation_key');
  });
}

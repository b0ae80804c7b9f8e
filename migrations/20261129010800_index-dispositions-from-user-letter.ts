import type { Knex } from 'knex';

/**
 * The letters a person gave dispositions of (the archive search's access path for them): the index
 * alone answers it, without reading each disposition row.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('dispositions', (t) => {
    t.index(['from_user_id', 'incoming_letter_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  // MariaDB dropped the foreign key's own index on from_user_id when this one could serve it, and will
  // not drop this one without a replacement: give the foreign key its index back first.
  if (db.client.config.client === 'mysql2') {
    await db.schema.alterTable('dispositions', (t) => {
      t.index(['from_user_id'], 'dispositions_from_user_id_foreign');
    });
  }
  await db.schema.alterTable('dispositions', (t) => {
    t.dropIndex(['from_user_id', 'incoming_letter_id']);
  });
}

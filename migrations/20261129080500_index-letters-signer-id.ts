import type { Knex } from 'knex';

/**
 * The letters a person signed (the archive search's access path for a signer). On MariaDB the foreign
 * key's index already served it; SQLite has none for a foreign key, so every search by someone who is
 * not a superadmin read the whole letters table for this path.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('letters', (t) => {
    t.index(['signer_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  // As for dispositions (20261129010800): MariaDB dropped the foreign key's own index for this one.
  if (db.client.config.client === 'mysql2') {
    await db.schema.alterTable('letters', (t) => {
      t.index(['signer_id'], 'letters_signer_id_foreign');
    });
  }
  await db.schema.alterTable('letters', (t) => {
    t.dropIndex(['signer_id']);
  });
}

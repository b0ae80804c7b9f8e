import type { Knex } from 'knex';

/**
 * One-time grants to sign one letter: the API checked the signer's passphrase and left it here for the
 * worker, encrypted (AES-256-GCM) under a key derived from the server secret and the grant's token.
 * Only the token's SHA-256 is stored; a grant is deleted when redeemed and expires after minutes.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('signing_grants', (t) => {
    t.string('token_hash', 64).primary();
    t.integer('letter_id').unsigned().notNullable().references('id').inTable('letters').onDelete('CASCADE');
    t.integer('signer_id').unsigned().notNullable().references('id').inTable('users');
    t.integer('certificate_id').unsigned().notNullable().references('id').inTable('certificates');
    t.text('sealed').notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['expires_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('signing_grants');
}

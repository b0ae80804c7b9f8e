import type { Knex } from 'knex';

/** Signing certificates; the private key exists only inside the passphrase-encrypted PKCS#12 file. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('certificates', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users');
    t.string('serial', 64).notNullable().unique();
    t.string('subject', 500).notNullable();
    t.text('certificate_pem').notNullable();
    t.integer('p12_file_id').unsigned().nullable().references('id').inTable('files');
    t.string('status', 16).notNullable().defaultTo('active');
    t.datetime('not_before', { precision: 3 }).notNullable();
    t.datetime('not_after', { precision: 3 }).notNullable();
    t.datetime('revoked_at', { precision: 3 }).nullable();
    t.string('revocation_reason', 200).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['user_id', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('certificates');
}

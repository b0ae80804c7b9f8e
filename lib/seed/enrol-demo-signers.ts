import type { Knex } from 'knex';
import type { Config } from '../config';
import { initCa } from '../pki/init-ca';
import { issueCertificate } from '../pki/issue-certificate';
import { FileStore } from '../storage/file-store';

/**
 * Gives every demo head of OPD a signing certificate protected by DEMO_PASSPHRASE, so the demo regency
 * can sign from its first start. Idempotent: officials who already hold an active one are skipped.
 */
export async function enrolDemoSigners(db: Knex, config: Config): Promise<number> {
  await initCa(config.pki);
  const files = new FileStore(db, config.filesDir);
  const heads = await db('users')
    .where('username', 'like', 'kepala.%')
    .whereNotExists(db('certificates').whereRaw('certificates.user_id = users.id').where('status', 'active'))
    .select('id');
  for (const { id } of heads) {
    await issueCertificate(
      { db, files, pki: config.pki, publicUrl: config.publicUrl },
      { userId: Number(id), passphrase: config.demo.passphrase, actorId: null },
    );
  }
  return heads.length;
}

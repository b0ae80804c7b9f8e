import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { findActingFor } from '../delegation/find-acting-for';
import { resolveCaKeySecret } from '../pki/resolve-ca-key-secret';
import { unlockSigningKey } from '../pki/unlock-signing-key';
import type { FileStore } from '../storage/file-store';
import { hashGrantToken } from './hash-grant-token';
import { grantCipher } from './seal-signing-grant';

export const SIGNING_GRANT_TTL_MS = 10 * 60 * 1000;

export interface CreateSigningGrantDeps {
  db: Knex;
  files: FileStore;
  pki: Config['pki'];
  now?: () => Date;
}

export interface CreateSigningGrantInput {
  letterId: number;
  signerId: number;
  passphrase: string;
}

/**
 * After the signer (or their Plt / Plh, with their own certificate) typed their passphrase: checks it
 * opens their active certificate (wrong ones are counted and slowed by unlockSigningKey), then stores
 * the opened key encrypted for the worker, bound to this letter and signer, for 10 minutes and one
 * use. Returns the grant id (given to the workflow in place of the passphrase). The passphrase is
 * stored nowhere, and the key in no row, log or error in clear.
 */
export async function createSigningGrant(
  deps: CreateSigningGrantDeps,
  input: CreateSigningGrantInput,
): Promise<{ grantId: string; expiresAt: Date }> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const letter = await db('letters').where({ id: input.letterId }).first('id', 'signer_id');
  if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
  if (
    letter.signer_id !== null &&
    Number(letter.signer_id) !== input.signerId &&
    !(await findActingFor(db, input.signerId, Number(letter.signer_id), now))
  ) {
    throw new ForbiddenError('Anda bukan pejabat penandatangan surat ini.');
  }
  const certificate = await db('certificates')
    .where({ user_id: input.signerId, status: 'active' })
    .where('not_after', '>', now)
    .orderBy('not_after', 'desc')
    .first('id');
  if (!certificate) {
    throw new ConflictError('Anda tidak memiliki sertifikat tanda tangan elektronik yang aktif.');
  }
  const certificateId = Number(certificate.id);
  const key = await unlockSigningKey(
    { db, files: deps.files },
    { certificateId, passphrase: input.passphrase, actorId: input.signerId },
  );

  const grantId = randomBytes(32).toString('base64url');
  const { token, tokenHash } = hashGrantToken(grantId)!;
  const secret = await resolveCaKeySecret(deps.pki, { create: true });
  const binding = { tokenHash, letterId: input.letterId, signerId: input.signerId, certificateId };
  const expiresAt = new Date(now.getTime() + SIGNING_GRANT_TTL_MS);
  // Expired grants go by primary key and outside the insert: a range delete takes a gap lock in
  // MariaDB, and two signers at once then deadlock.
  const expired = await db('signing_grants').where('expires_at', '<=', now).pluck('token_hash');
  if (expired.length) await db('signing_grants').whereIn('token_hash', expired).delete();
  await db.transaction(async (trx) => {
    await trx('signing_grants').insert({
      token_hash: tokenHash,
      letter_id: input.letterId,
      signer_id: input.signerId,
      certificate_id: certificateId,
      sealed: grantCipher.seal(secret, token, binding, key),
      expires_at: expiresAt,
      created_at: now,
    });
  });
  return { grantId, expiresAt };
}

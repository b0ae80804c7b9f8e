import type { Knex } from 'knex';
import type { Config } from '../config';
import { toDate } from '../db/to-date';
import { ConflictError, ForbiddenError } from '../errors';
import { resolveCaKeySecret } from '../pki/resolve-ca-key-secret';
import type { UnlockedSigningKey } from '../pki/unlock-signing-key';
import { hashGrantToken } from './hash-grant-token';
import { grantCipher } from './seal-signing-grant';

export interface RedeemSigningGrantInput {
  grantId: string;
  letterId: number;
  signerId: number;
}

export const GRANT_UNUSABLE =
  'Izin tanda tangan tidak ditemukan atau sudah dipakai. Masukkan kembali passphrase Anda.';
export const GRANT_EXPIRED = 'Izin tanda tangan sudah kedaluwarsa. Masukkan kembali passphrase Anda.';

/**
 * Opens a grant for the signing key it holds. The grant stays until `spend()` (after a successful
 * signature), so a signing attempt that fails for a passing reason can be retried without asking the
 * signer again; a spent grant is gone. A grant for another letter or signer is refused and left alone;
 * an expired one is refused and removed. Throws ConflictError (unknown, spent, expired) or ForbiddenError.
 */
export async function redeemSigningGrant(
  deps: { db: Knex; pki: Config['pki']; now?: () => Date },
  input: RedeemSigningGrantInput,
): Promise<{ key: UnlockedSigningKey; certificateId: number; spend(): Promise<void> }> {
  const hashed = hashGrantToken(input.grantId);
  if (!hashed) throw new ConflictError(GRANT_UNUSABLE);
  const now = deps.now?.() ?? new Date();
  const secret = await resolveCaKeySecret(deps.pki, { create: false });
  const row = await deps.db.transaction(async (trx) => {
    const grant = await trx('signing_grants').where({ token_hash: hashed.tokenHash }).forUpdate().first();
    if (!grant) return null;
    if (Number(grant.letter_id) !== input.letterId || Number(grant.signer_id) !== input.signerId) {
      return 'elsewhere' as const;
    }
    if (toDate(grant.expires_at)! > now) return grant;
    await trx('signing_grants').where({ token_hash: hashed.tokenHash }).delete();
    return 'expired' as const;
  });
  if (row === null) throw new ConflictError(GRANT_UNUSABLE);
  if (row === 'elsewhere') throw new ForbiddenError('Izin tanda tangan ini bukan untuk surat ini.');
  if (row === 'expired') throw new ConflictError(GRANT_EXPIRED);
  const certificateId = Number(row.certificate_id);
  const binding = {
    tokenHash: hashed.tokenHash,
    letterId: input.letterId,
    signerId: input.signerId,
    certificateId,
  };
  try {
    return {
      key: grantCipher.open(secret, hashed.token, binding, String(row.sealed)),
      certificateId,
      spend: async () => {
        await deps.db('signing_grants').where({ token_hash: hashed.tokenHash }).delete();
      },
    };
  } catch {
    throw new ConflictError(GRANT_UNUSABLE);
  }
}

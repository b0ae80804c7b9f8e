import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { normalizeSerial } from './normalize-serial';

export type CertificateStatus = 'active' | 'revoked' | 'superseded' | 'expired' | 'unknown';

/**
 * What the CA says about a serial (any common hex spelling): revocation wins over expiry. A certificate
 * revoked only because a renewal replaced it is 'superseded': nothing was wrong with its key, and
 * e-Office never signs with a revoked certificate, so its signatures stand.
 */
export async function certificateStatus(
  db: Knex,
  serialHex: string,
  now = new Date(),
): Promise<CertificateStatus> {
  const serial = normalizeSerial(serialHex);
  if (!serial) return 'unknown';
  const row = await db('certificates').where({ serial }).first('status', 'not_after', 'revocation_reason');
  if (!row) return 'unknown';
  if (row.status === 'revoked') return row.revocation_reason === 'superseded' ? 'superseded' : 'revoked';
  return toDate(row.not_after)! <= now ? 'expired' : 'active';
}

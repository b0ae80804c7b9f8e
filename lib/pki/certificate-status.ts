import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { normalizeSerial } from './normalize-serial';

export type CertificateStatus = 'active' | 'revoked' | 'expired' | 'unknown';

/** What the CA says about a serial (any common hex spelling): revocation wins over expiry. */
export async function certificateStatus(
  db: Knex,
  serialHex: string,
  now = new Date(),
): Promise<CertificateStatus> {
  const serial = normalizeSerial(serialHex);
  if (!serial) return 'unknown';
  const row = await db('certificates').where({ serial }).first('status', 'not_after');
  if (!row) return 'unknown';
  if (row.status === 'revoked') return 'revoked';
  return toDate(row.not_after)! <= now ? 'expired' : 'active';
}

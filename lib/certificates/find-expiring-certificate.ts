import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { daysUntil } from './days-until';
import { EXPIRY_WARNING_DAYS } from './expiry-thresholds';

/**
 * The person's certificate that still works but ends within EXPIRY_WARNING_DAYS, for the dashboard's
 * warning; null when they have none, or when a longer-lasting one (a renewal) is valid too.
 */
export async function findExpiringCertificate(
  db: Knex,
  userId: number,
  now = new Date(),
): Promise<{ id: number; serial: string; notAfter: Date; daysLeft: number } | null> {
  const row = await db('certificates')
    .where({ user_id: userId, status: 'active' })
    .where('not_after', '>', now)
    .orderBy('not_after', 'desc')
    .first('id', 'serial', 'not_after');
  if (!row) return null;
  const notAfter = toDate(row.not_after)!;
  const daysLeft = daysUntil(notAfter, now);
  return daysLeft <= EXPIRY_WARNING_DAYS
    ? { id: Number(row.id), serial: row.serial, notAfter, daysLeft }
    : null;
}

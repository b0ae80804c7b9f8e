import { toDate } from '../db/to-date';
import { CertificateExpiredError, CertificateRevokedError } from './pki-errors';

/** Refuses a revoked or expired certificate: checked when its key is opened and again when it signs. */
export function assertCertificateUsable(row: { status: string; not_after: unknown }, now: Date): void {
  if (row.status === 'revoked') throw new CertificateRevokedError();
  if (toDate(row.not_after)! <= now) throw new CertificateExpiredError();
}

/**
 * The daily certificate expiry check (`certificate-expiry-daily-…`, started by its Schedule): one
 * activity that sends the due warnings and remembers them, so a retry or a second run repeats nothing.
 */
import { proxyActivities } from '@temporalio/workflow';

export interface CertificateExpiryActivities {
  /** How many certificates were announced this time. */
  notifyExpiringCertificates(): Promise<number>;
}

export const CERTIFICATE_EXPIRY_SCHEDULE_ID = 'certificate-expiry-daily';

const { notifyExpiringCertificates } = proxyActivities<CertificateExpiryActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumAttempts: 5 },
});

export async function certificateExpiry(): Promise<number> {
  return notifyExpiringCertificates();
}

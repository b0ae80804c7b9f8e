import { log } from '@temporalio/activity';
import { notifyExpiringCertificates } from '../lib/certificates/notify-expiring-certificates';
import { mailSettingsOf } from '../lib/notifications/send-notification-emails';
import type { CertificateExpiryActivities } from '../workflows/certificate-expiry';
import type { ActivityDeps } from './deps';

/** The certificate expiry warnings on the worker. */
export function createCertificateActivities({ db, config }: ActivityDeps): CertificateExpiryActivities {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  return {
    notifyExpiringCertificates: () => notifyExpiringCertificates(db, mail),
  };
}

import type { Knex } from 'knex';
import { createTransport } from 'nodemailer';
import type { Config } from '../config';
import { loadSystemSettings } from '../settings/system-settings';

/**
 * How notifications leave by e-mail: the configured SMTP server and sender (the superadmin's system
 * settings take precedence when they changed them), and where a failed send is reported.
 */
export interface MailSettings {
  /** Unset: no e-mail at all, unless the system settings name a server. */
  smtpUrl?: string;
  from: string;
  /** Links in the e-mail point here. */
  publicUrl: string;
  /** Told about a message that could not be sent: to whom and why, never the SMTP address. */
  warn(message: string, attrs: Record<string, unknown>): void;
  /** Where the system settings are read from (their defaults, and the key of the SMTP password). */
  config: Config;
}

/** The mail settings of a configuration, reporting failures to `warn`. */
export const mailSettingsOf = (config: Config, warn: MailSettings['warn']): MailSettings => ({
  smtpUrl: config.mail.smtpUrl,
  from: config.mail.from,
  publicUrl: config.publicUrl,
  warn,
  config,
});

export interface NotificationMail {
  userIds: number[];
  title: string;
  body?: string | null;
  /** A path in the application, e.g. /surat-masuk/12. */
  link: string | null;
}

/** A dead or slow SMTP server must not hold up the activity that notified (or the admin's page) for long. */
export const MAIL_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 };

const FOOTER = 'Pesan ini dikirim otomatis; e-mail notifikasi dapat dimatikan di halaman profil Anda.';

function messageText(
  name: string,
  notice: NotificationMail,
  publicUrl: string,
  instanceName: string,
): string {
  const lines = [`Yth. ${name},`, '', notice.title];
  if (notice.body) lines.push('', notice.body);
  if (notice.link) lines.push('', `Buka: ${publicUrl}${notice.link}`);
  lines.push('', '-- ', `${instanceName}. ${FOOTER}`);
  return lines.join('\n');
}

/**
 * E-mails a notification to each of the users who turned e-mail on and have an address; nothing at all
 * without an SMTP server configured. A failure is reported through `warn` and never thrown: the stored
 * notification is the record, the e-mail only a copy.
 */
export async function sendNotificationEmails(
  db: Knex,
  mail: MailSettings,
  notice: NotificationMail,
): Promise<void> {
  if (!notice.userIds.length) return;
  const settings = await loadSystemSettings(db, {
    ...mail.config,
    mail: { smtpUrl: mail.smtpUrl, from: mail.from },
  });
  const { smtpUrl, from } = settings.mail;
  if (!smtpUrl) return;
  const people = await db('users')
    .join('notification_preferences', 'notification_preferences.user_id', 'users.id')
    .whereIn('users.id', notice.userIds)
    .where({ 'notification_preferences.email_enabled': true, 'users.active': true })
    .whereNot('users.email', '')
    .select('users.id', 'users.name', 'users.email');
  if (!people.length) return;
  const transport = createTransport({ url: smtpUrl, ...MAIL_TIMEOUTS }, { from });
  try {
    await Promise.all(
      people.map(async (p) => {
        try {
          await transport.sendMail({
            to: { name: p.name, address: p.email },
            subject: notice.title,
            text: messageText(p.name, notice, mail.publicUrl, settings.instanceName),
          });
        } catch (error) {
          const e = error as { code?: string; responseCode?: number; message?: string };
          mail.warn('notification e-mail not sent', {
            userId: Number(p.id),
            code: e.code ?? null,
            responseCode: e.responseCode ?? null,
            reason: e.message ?? String(error),
          });
        }
      }),
    );
  } finally {
    transport.close();
  }
}

import type { Config } from '../config';
import type { Urgency } from '../../workflows/outgoing-letter-types';

export interface Holiday {
  /** yyyy-mm-dd, a day in WIB. */
  date: string;
  name: string;
}

/**
 * Every system setting as the superadmin edits it. Nested objects group settings; each leaf (a string,
 * number, boolean or array) is stored as one row of system_settings under its dotted path, e.g.
 * `mail.host` or `stepHours.segera`, and only when it differs from configuration.
 */
export interface SettingsValues {
  instanceName: string;
  verificationBaseUrl: string;
  /** The SMTP server and sender; an empty host means no e-mail. The password is write-only. */
  mail: { host: string; port: number; secure: boolean; user: string; password: string; from: string };
  stepHours: Record<Urgency, number>;
  reminderBeforeHours: Record<Urgency, number>;
  dispositionReminderBeforeHours: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  holidays: Holiday[];
}

export const DEFAULT_INSTANCE_NAME = 'e-Office Kabupaten Kuantan Singingi';

/** The settings' values before any change: configuration (SMTP_URL split into its parts). */
export function defaultSettingsValues(config: Config): SettingsValues {
  const smtp = config.mail.smtpUrl ? new URL(config.mail.smtpUrl) : undefined;
  const secure = smtp?.protocol === 'smtps:';
  return {
    instanceName: DEFAULT_INSTANCE_NAME,
    verificationBaseUrl: config.publicUrl,
    mail: {
      host: smtp?.hostname ?? '',
      // Nodemailer's own defaults when the URL names no port.
      port: smtp?.port ? Number(smtp.port) : secure ? 465 : 587,
      secure,
      user: smtp ? decodeURIComponent(smtp.username) : '',
      password: smtp ? decodeURIComponent(smtp.password) : '',
      from: config.mail.from,
    },
    stepHours: { ...config.letters.stepHours },
    reminderBeforeHours: {
      sangat_segera: config.letters.reminderBeforeHours,
      segera: config.letters.reminderBeforeHours,
      biasa: config.letters.reminderBeforeHours,
    },
    dispositionReminderBeforeHours: config.incoming.reminderBeforeHours,
    workingDays: [1, 2, 3, 4, 5],
    holidays: [],
  };
}

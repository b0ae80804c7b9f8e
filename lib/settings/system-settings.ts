import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Urgency } from '../../workflows/outgoing-letter-types';
import type { WorkCalendar } from '../../workflows/working-time';
import { loadSettingsValues } from './load-settings-values';
import type { Holiday, SettingsValues } from './settings-values';

/** What the superadmin can change at run time; every value starts from configuration. */
export interface SystemSettings {
  /** Shown in the page header, titles and e-mails. */
  instanceName: string;
  /** Base of `/verifikasi/<code>` in the QR code of signed letters (no trailing slash). */
  verificationBaseUrl: string;
  /** Outgoing e-mail; no url: in-app notifications only. */
  mail: { smtpUrl?: string; from: string };
  /** Per urgency: how long a step of an outgoing letter may take, and the reminder lead before it. */
  stepHours: Record<Urgency, number>;
  reminderBeforeHours: Record<Urgency, number>;
  /** Reminder lead before a disposition's due time (0: none). */
  dispositionReminderBeforeHours: number;
  calendar: WorkCalendar;
  /** The holidays of the calendar with their names. */
  holidays: Holiday[];
}

const SMTP_KEYS = ['mail.host', 'mail.port', 'mail.secure', 'mail.user', 'mail.password'];

function smtpUrlOf(mail: SettingsValues['mail']): string | undefined {
  if (!mail.host) return undefined;
  const login = mail.user
    ? `${encodeURIComponent(mail.user)}${mail.password ? `:${encodeURIComponent(mail.password)}` : ''}@`
    : '';
  return `${mail.secure ? 'smtps' : 'smtp'}://${login}${mail.host}:${mail.port}`;
}

/**
 * The settings in force, read per use (cached for a moment), so the web and worker processes follow a
 * change within seconds.
 */
export async function loadSystemSettings(db: Knex, config: Config): Promise<SystemSettings> {
  const { values, stored } = await loadSettingsValues(db, config);
  return {
    instanceName: values.instanceName,
    verificationBaseUrl: values.verificationBaseUrl,
    mail: {
      // Untouched SMTP settings keep SMTP_URL exactly, options in its query string included.
      smtpUrl: SMTP_KEYS.some((k) => stored.has(k)) ? smtpUrlOf(values.mail) : config.mail.smtpUrl,
      from: values.mail.from,
    },
    stepHours: values.stepHours,
    reminderBeforeHours: values.reminderBeforeHours,
    dispositionReminderBeforeHours: values.dispositionReminderBeforeHours,
    calendar: { workingDays: values.workingDays, holidays: values.holidays.map((h) => h.date) },
    holidays: values.holidays,
  };
}

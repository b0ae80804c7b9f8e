import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Urgency } from '../../workflows/outgoing-letter-types';
import type { WorkCalendar } from '../../workflows/working-time';

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
}

/** Stub until the system-settings work lands: configuration only. */
export async function loadSystemSettings(_db: Knex, config: Config): Promise<SystemSettings> {
  return {
    instanceName: 'e-Office Kabupaten Kuantan Singingi',
    verificationBaseUrl: config.publicUrl,
    mail: { ...config.mail },
    stepHours: { ...config.letters.stepHours },
    reminderBeforeHours: {
      sangat_segera: config.letters.reminderBeforeHours,
      segera: config.letters.reminderBeforeHours,
      biasa: config.letters.reminderBeforeHours,
    },
    dispositionReminderBeforeHours: config.incoming.reminderBeforeHours,
    calendar: { workingDays: [1, 2, 3, 4, 5], holidays: [] },
  };
}

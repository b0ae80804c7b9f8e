import { log } from '@temporalio/activity';
import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { deliverLetter } from '../lib/letters/deliver-letter';
import { mailSettingsOf } from '../lib/notifications/send-notification-emails';
import { loadSystemSettings } from '../lib/settings/system-settings';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** Delivering a signed letter to its recipient OPDs. */
export function createDeliveryActivities({
  db,
  config,
}: ActivityDeps): Pick<LetterActivities, 'deliverLetter'> {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  return {
    deliverLetter: async (input) => {
      const { delivered, incoming } = await refusing(() => deliverLetter(db, mail, input));
      const { dispositionReminderBeforeHours: reminderBeforeHours } = await loadSystemSettings(db, config);
      return { delivered, incoming: incoming.map((i) => ({ ...i, reminderBeforeHours })) };
    },
  };
}

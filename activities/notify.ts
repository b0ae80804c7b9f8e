import { log } from '@temporalio/activity';
import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { notifyLetterUsers } from '../lib/letters/notify-letter-users';
import { mailSettingsOf } from '../lib/notifications/send-notification-emails';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** In-app notifications about a letter, e-mailed too to those who asked. */
export function createNotifyActivities({ db, config }: ActivityDeps): Pick<LetterActivities, 'notify'> {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  return {
    notify: async (input) => {
      await refusing(() => notifyLetterUsers(db, input, mail));
    },
  };
}

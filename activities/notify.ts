import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { notifyLetterUsers } from '../lib/letters/notify-letter-users';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** In-app notifications about a letter. */
export function createNotifyActivities({ db }: ActivityDeps): Pick<LetterActivities, 'notify'> {
  return {
    notify: async (input) => {
      await refusing(() => notifyLetterUsers(db, input));
    },
  };
}

import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { deliverLetter } from '../lib/letters/deliver-letter';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** Delivering a signed letter to its recipient OPDs. */
export function createDeliveryActivities({ db }: ActivityDeps): Pick<LetterActivities, 'deliverLetter'> {
  return {
    deliverLetter: async (input) => {
      const { delivered } = await refusing(() => deliverLetter(db, input));
      return { delivered };
    },
  };
}

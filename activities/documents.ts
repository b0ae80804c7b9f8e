import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { addAssignmentToAgenda } from '../lib/agenda/add-assignment-to-agenda';
import { signLetter } from '../lib/letters/sign-letter';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** Rendering and signing the final PDF. */
export function createDocumentActivities(deps: ActivityDeps): Pick<LetterActivities, 'signLetter'> {
  return {
    signLetter: async (input) => {
      const signed = await refusing(() => signLetter(deps, input));
      // A signed Surat Tugas goes on the agenda of the people it names. Outside `refusing`: the letter
      // is signed, so a failure here is retried (signing a signed letter returns its document, the
      // agenda source key makes each item once) rather than reported as a refused signature.
      await addAssignmentToAgenda(deps, { letterId: input.letterId, signerId: input.signerId });
      return signed;
    },
  };
}

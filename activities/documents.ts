import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { signLetter } from '../lib/letters/sign-letter';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** Rendering and signing the final PDF. */
export function createDocumentActivities(deps: ActivityDeps): Pick<LetterActivities, 'signLetter'> {
  return {
    signLetter: (input) => refusing(() => signLetter(deps, input)),
  };
}

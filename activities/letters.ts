import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { checkSubmission } from '../lib/letters/check-submission';
import { recordProgress } from '../lib/letters/record-progress';
import { registerNumber } from '../lib/letters/register-number';
import { saveLetterVersion } from '../lib/letters/save-letter-version';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

type LetterSteps = Pick<
  LetterActivities,
  'saveLetterVersion' | 'checkSubmission' | 'recordProgress' | 'registerNumber'
>;

/** The activities that change the letter itself: versions, submission checks, progress, number. */
export function createLetterStepActivities({ db }: ActivityDeps): LetterSteps {
  return {
    saveLetterVersion: (input) => refusing(() => saveLetterVersion(db, input)),
    checkSubmission: (input) => refusing(() => checkSubmission(db, input)),
    recordProgress: (input) => refusing(() => recordProgress(db, input)),
    registerNumber: async (input) => {
      await refusing(() => registerNumber(db, input));
    },
  };
}

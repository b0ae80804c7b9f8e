import { log } from '@temporalio/activity';
import type { IncomingActivities } from '../workflows/incoming-letter-types';
import { closeIncoming } from '../lib/incoming/close-incoming';
import { createDispositions } from '../lib/incoming/create-dispositions';
import { notifyIncoming } from '../lib/incoming/notify-incoming';
import { recordDispositionStatus } from '../lib/incoming/record-disposition-status';
import { recordFollowUp } from '../lib/incoming/record-follow-up';
import { recordIncomingStatus } from '../lib/incoming/record-incoming-status';
import { registerIncoming } from '../lib/incoming/register-incoming';
import { mailSettingsOf } from '../lib/notifications/send-notification-emails';
import type { ActivityDeps } from './deps';
import { refusing } from './to-refusal';

/** The activities of the incoming-letter and disposition workflows: the records and the notices. */
export function createIncomingActivities({
  db,
  config,
}: Pick<ActivityDeps, 'db' | 'config'>): IncomingActivities {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  return {
    registerIncoming: (input) => refusing(() => registerIncoming(db, input)),
    createDispositions: (input) => refusing(() => createDispositions(db, input)),
    recordIncomingStatus: (input) => refusing(() => recordIncomingStatus(db, input)),
    recordDispositionStatus: (input) => refusing(() => recordDispositionStatus(db, input)),
    recordFollowUp: (input) => refusing(() => recordFollowUp(db, input)),
    closeIncoming: (input) => refusing(() => closeIncoming(db, input)),
    notifyIncoming: async (input) => {
      await refusing(() => notifyIncoming(db, mail, input));
    },
  };
}

import { log } from '@temporalio/activity';
import type { IncomingActivities } from '../workflows/incoming-letter-types';
import { addDispositionDeadlineToAgenda } from '../lib/agenda/add-disposition-deadline-to-agenda';
import { addInvitationToAgenda } from '../lib/agenda/add-invitation-to-agenda';
import { endDispositionAgenda } from '../lib/agenda/end-disposition-agenda';
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
  temporalClient,
}: Pick<ActivityDeps, 'db' | 'config' | 'temporalClient'>): IncomingActivities {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  const agenda = { db, config, temporalClient };
  return {
    registerIncoming: (input) => refusing(() => registerIncoming(db, input)),
    createDispositions: async (input) => {
      const created = await refusing(() => createDispositions(db, input));
      // The dispositions stand; their agenda items (a meeting to attend, a due time) are made after,
      // outside `refusing`: a failure there is retried, never reported as a refusal of dispositions
      // already stored. Both steps are idempotent (creation key, agenda source key), so a retry adds
      // nothing twice.
      await addInvitationToAgenda(agenda, created.ids);
      await addDispositionDeadlineToAgenda(agenda, created.ids);
      return created;
    },
    recordIncomingStatus: (input) => refusing(() => recordIncomingStatus(db, input)),
    // Like createDispositions: the disposition's change stands, then its agenda items follow (retried).
    recordDispositionStatus: async (input) => {
      await refusing(() => recordDispositionStatus(db, input));
      if (input.status === 'done' || input.status === 'recalled') {
        const { dispositionId, status: outcome, actorId } = input;
        await endDispositionAgenda(agenda, { dispositionId, outcome, actorId });
      }
    },
    recordFollowUp: async (input) => {
      await refusing(() => recordFollowUp(db, input));
      const end = { dispositionId: input.dispositionId, outcome: 'done', actorId: input.actorId } as const;
      await endDispositionAgenda(agenda, end);
    },
    closeIncoming: async (input) => {
      await refusing(() => closeIncoming(db, input));
      const end = { incomingId: input.incomingId, outcome: 'closed', actorId: input.actorId } as const;
      await endDispositionAgenda(agenda, end);
    },
    notifyIncoming: async (input) => {
      await refusing(() => notifyIncoming(db, mail, input));
    },
  };
}

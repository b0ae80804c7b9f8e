import { log } from '@temporalio/activity';
import { notifyAgendaPeople } from '../lib/agenda/notify-agenda-people';
import { mailSettingsOf } from '../lib/notifications/send-notification-emails';
import type { AgendaActivities } from '../workflows/agenda-item-types';
import type { ActivityDeps } from './deps';

/** The agenda workflow's activity: its notices, each re-checked against the item's row. */
export function createAgendaActivities({
  db,
  config,
}: Pick<ActivityDeps, 'db' | 'config'>): AgendaActivities {
  const mail = mailSettingsOf(config, (message, attrs) => log.warn(message, attrs));
  return { notifyAgenda: (input) => notifyAgendaPeople(db, mail, input) };
}

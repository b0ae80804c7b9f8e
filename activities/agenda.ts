import type { AgendaActivities } from '../workflows/agenda-item-types';
import type { ActivityDeps } from './deps';

// Stub: the agenda activities, filled in by this session's work on issue 7.
export function createAgendaActivities(_deps: ActivityDeps): AgendaActivities {
  return { notifyAgenda: async () => false };
}

import type { AgendaItemInput } from './agenda-item-types';

// Stub: the agenda item's reminder workflow, filled in by this session's work on issue 7.
export async function agendaItem(_input: AgendaItemInput): Promise<void> {}

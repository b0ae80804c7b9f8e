import type { AgendaStatus } from '../../workflows/agenda-item-types';
import type { AgendaSource } from './create-agenda-item';

/** What a person reads for an item's stored status, and the Bootstrap colour of its badge. */
export const AGENDA_STATUS_LABELS: Record<AgendaStatus, { label: string; tone: string }> = {
  planned: { label: 'Terjadwal', tone: 'primary' },
  done: { label: 'Selesai', tone: 'success' },
  cancelled: { label: 'Dibatalkan', tone: 'secondary' },
};

export const AGENDA_SOURCE_LABELS: Record<AgendaSource, string> = {
  manual: 'Dicatat manual',
  invitation: 'Dari surat undangan',
  assignment: 'Dari surat tugas',
  disposition: 'Dari batas waktu disposisi',
};

/** The list filters by status: `upcoming`, `today` and `overdue` depend on the moment asked. */
export const AGENDA_FILTERS = ['upcoming', 'today', 'overdue', 'done', 'cancelled'] as const;
export type AgendaFilter = (typeof AGENDA_FILTERS)[number];

export const AGENDA_FILTER_LABELS: Record<AgendaFilter, string> = {
  upcoming: 'Akan datang',
  today: 'Hari ini',
  overdue: 'Lewat waktu (hasil belum dilaporkan)',
  done: 'Selesai',
  cancelled: 'Dibatalkan',
};

import { isSifat, isUrgency, SIFAT_LABELS, URGENCY_LABELS } from '../letters/letter-options';
import type { IncomingStatus } from '../../workflows/incoming-letter-types';

/** How an incoming letter's status, sifat and urgency read to users: pages and the agenda book alike. */
export const INCOMING_STATUS: Record<IncomingStatus, { label: string; tone: string }> = {
  received: { label: 'Belum diregistrasi', tone: 'warning' },
  registered: { label: 'Diregistrasi', tone: 'info' },
  in_progress: { label: 'Dalam disposisi', tone: 'primary' },
  closed: { label: 'Selesai', tone: 'success' },
};

export const sifatLabel = (v: string) => (isSifat(v) ? SIFAT_LABELS[v] : v);
export const urgencyLabel = (v: string) => (isUrgency(v) ? URGENCY_LABELS[v] : v);

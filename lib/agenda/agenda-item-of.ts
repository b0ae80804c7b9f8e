import { toDate } from '../db/to-date';
import type { AgendaStatus } from '../../workflows/agenda-item-types';
import type { AgendaKind, AgendaSource } from './create-agenda-item';

export interface AgendaItem {
  id: number;
  opdId: number;
  unit: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  targetOutput: string;
  responsible: { id: number; name: string };
  kind: AgendaKind;
  source: AgendaSource;
  letterId: number | null;
  incomingLetterId: number | null;
  dispositionId: number | null;
  status: AgendaStatus;
  outputReport: string | null;
  doneAt: Date | null;
  doneBy: number | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const idOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** An agenda_items row (joined with the responsible person's name as `responsible_name`) as the API gives it. */
export function agendaItemOf(r: Record<string, unknown>): AgendaItem {
  return {
    id: Number(r.id),
    opdId: Number(r.opd_id),
    unit: String(r.unit ?? ''),
    title: String(r.title),
    place: String(r.place ?? ''),
    startsAt: toDate(r.starts_at)!,
    endsAt: toDate(r.ends_at)!,
    targetOutput: String(r.target_output ?? ''),
    responsible: { id: Number(r.responsible_id), name: String(r.responsible_name ?? `#${r.responsible_id}`) },
    kind: r.kind as AgendaKind,
    source: r.source as AgendaSource,
    letterId: idOrNull(r.letter_id),
    incomingLetterId: idOrNull(r.incoming_letter_id),
    dispositionId: idOrNull(r.disposition_id),
    status: r.status as AgendaStatus,
    outputReport: (r.output_report as string | null) ?? null,
    doneAt: toDate(r.done_at),
    doneBy: idOrNull(r.done_by),
    createdBy: idOrNull(r.created_by),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
  };
}

/**
 * The contract between an agenda item's reminder workflow (`agenda-<id>`), its activities and the API.
 * Types and plain constants only: the workflow bundle imports this file, so it must stay deterministic.
 *
 * The database is the record of an agenda item (kegiatan): the API changes its row (with the audit row)
 * first, then tells the workflow the new dates or the end through an Update. The workflow only keeps
 * the timers: reminders before the start, and overdue notices after the end while no output is reported.
 */

export type AgendaStatus = 'planned' | 'done' | 'cancelled';

export interface AgendaItemInput {
  itemId: number;
  /** ISO timestamps. */
  startsAt: string;
  endsAt: string;
  /** Reminders this many minutes before the start (e.g. [1440, 60]); fixed when the workflow starts. */
  leadMinutes: number[];
  /** After the end, an overdue notice every this many hours until the output is reported (0: one only). */
  overdueRepeatHours: number;
}

export interface AgendaItemState {
  itemId: number;
  status: AgendaStatus;
  startsAt: string;
  endsAt: string;
  /** Reminders sent for the current dates (lead minutes), and overdue notices sent since the end. */
  remindersSent: number[];
  overdueNotices: number;
}

/** New dates, already stored by the API: the timers follow them. */
export interface RescheduleAgendaArgs {
  actorId: number;
  startsAt: string;
  endsAt: string;
}

/** The item was marked done (its output already stored) or cancelled by the API: the timers stop. */
export interface EndAgendaArgs {
  /** Null: ended by e-Office itself (the disposition it came from ended). */
  actorId: number | null;
  status: 'done' | 'cancelled';
}

export const agendaWorkflowId = (itemId: number) => `agenda-${itemId}`;

export const AGENDA_REFUSAL = {
  ended: 'Kegiatan ini sudah selesai atau dibatalkan.',
  badDates: 'Waktu selesai harus sesudah waktu mulai.',
} as const;

export interface AgendaActivities {
  /**
   * Notifies the people of the item (the responsible person and the participants) once: a reminder
   * `leadMinutes` before the start, or the n-th overdue notice after the end. It re-reads the item and
   * sends nothing (answering false) when the item is no longer planned or its dates changed meanwhile,
   * so a late timer never reminds about a moved or finished activity.
   */
  notifyAgenda(input: {
    itemId: number;
    kind: 'reminder' | 'overdue';
    /** For reminders: which lead time. For overdue notices: the notice's number (1, 2, …). */
    seq: number;
    /** The dates the timer was set for; the activity compares them with the row. */
    startsAt: string;
    endsAt: string;
  }): Promise<boolean>;
}

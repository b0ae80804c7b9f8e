/**
 * The reminder timers of one agenda item (kegiatan), one workflow each (`agenda-<id>`): a reminder per lead
 * time before the start, then overdue notices after the end until the item is done or cancelled. The row
 * in the database is the record; the API tells this workflow new dates or the end through Updates.
 * Orchestration only: the notices are the notifyAgenda activity.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  AGENDA_REFUSAL,
  type AgendaActivities,
  type AgendaItemInput,
  type AgendaItemState,
  type EndAgendaArgs,
  type RescheduleAgendaArgs,
} from './agenda-item-types';
import { refuse } from './outgoing-letter';

export const rescheduleAgendaUpdate = defineUpdate<AgendaItemState, [RescheduleAgendaArgs]>('reschedule');
export const endAgendaUpdate = defineUpdate<AgendaItemState, [EndAgendaArgs]>('end');
export const agendaStateQuery = defineQuery<AgendaItemState>('state');

// A notice must go out eventually once its moment came: retry until it does (the activity is a re-read
// and an insert; it never refuses).
const { notifyAgenda } = proxyActivities<AgendaActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Notice {
  at: number;
  kind: 'reminder' | 'overdue';
  seq: number;
}

export async function agendaItem(input: AgendaItemInput): Promise<void> {
  const state: AgendaItemState = {
    itemId: input.itemId,
    status: 'planned',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    remindersSent: [],
    overdueNotices: 0,
  };
  // Earliest moment first: the longest lead time.
  const leads = [...new Set(input.leadMinutes)].filter((m) => m >= 0).sort((a, b) => b - a);
  const remindAt = (lead: number) => Date.parse(state.startsAt) - lead * MINUTE_MS;
  /** Lead times still to remind about for the current start: a moment already past is skipped, not sent late. */
  const armLeads = () => leads.filter((lead) => remindAt(lead) > Date.now());
  let pending = armLeads();
  /** When the previous overdue notice went out: the next one follows a full interval later, never in a burst. */
  let lastOverdueAt = 0;
  /** Set by every Update: the running timer is dropped and the next notice worked out again. */
  let changed = false;

  const snapshot = (): AgendaItemState => ({ ...state, remindersSent: [...state.remindersSent] });
  const ended = () => (state.status === 'planned' ? null : AGENDA_REFUSAL.ended);
  const badDates = (a: RescheduleAgendaArgs) => {
    const starts = Date.parse(a.startsAt);
    const ends = Date.parse(a.endsAt);
    return Number.isFinite(starts) && Number.isFinite(ends) && ends > starts ? null : AGENDA_REFUSAL.badDates;
  };
  const reject = (refusal: string | null) => {
    if (refusal) throw refuse(refusal);
  };

  // The handlers await nothing, so they need no lock: each one changes the state in a single step.
  setHandler(
    rescheduleAgendaUpdate,
    (a) => {
      const startMoved = Date.parse(a.startsAt) !== Date.parse(state.startsAt);
      const endMoved = Date.parse(a.endsAt) !== Date.parse(state.endsAt);
      state.startsAt = a.startsAt;
      state.endsAt = a.endsAt;
      if (startMoved) {
        state.remindersSent = [];
        pending = armLeads();
      }
      if (endMoved) {
        state.overdueNotices = 0;
        lastOverdueAt = 0;
      }
      changed = true;
      return snapshot();
    },
    { validator: (a) => reject(ended() ?? badDates(a)) },
  );
  setHandler(
    endAgendaUpdate,
    (a) => {
      state.status = a.status;
      changed = true;
      return snapshot();
    },
    { validator: (_a: EndAgendaArgs) => reject(ended()) },
  );
  setHandler(agendaStateQuery, snapshot);

  function nextNotice(): Notice | null {
    // Several reminder moments past at once (a worker outage): only the latest is still worth sending.
    while (pending.length > 1 && remindAt(pending[1]) <= Date.now()) pending.shift();
    if (pending.length) return { at: remindAt(pending[0]), kind: 'reminder', seq: pending[0] };
    if (state.overdueNotices > 0 && input.overdueRepeatHours <= 0) return null;
    const at = state.overdueNotices
      ? lastOverdueAt + input.overdueRepeatHours * HOUR_MS
      : Date.parse(state.endsAt);
    return { at, kind: 'overdue', seq: state.overdueNotices + 1 };
  }

  while (state.status === 'planned') {
    changed = false;
    const next = nextNotice();
    if (!next) {
      await condition(() => changed);
      continue;
    }
    const wait = next.at - Date.now();
    if (wait > 0 && (await condition(() => changed, wait))) continue;
    // Counted before the activity runs: an Update arriving meanwhile then sees (and may reset) it.
    if (next.kind === 'reminder') {
      pending.shift();
      state.remindersSent.push(next.seq);
    } else {
      state.overdueNotices = next.seq;
      lastOverdueAt = Date.now();
    }
    await notifyAgenda({
      itemId: input.itemId,
      kind: next.kind,
      seq: next.seq,
      startsAt: state.startsAt,
      endsAt: state.endsAt,
    });
  }
}

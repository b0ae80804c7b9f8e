import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { scopeToOpd, type Actor } from '../rbac/policy';
import { OPEN_DISPOSITION, type DispositionStatus } from '../../workflows/incoming-letter-types';
import type { StatisticsInput } from './archive-input';
import { wibDateOf } from './wib-date-of';
import { wibDayRange } from './wib-day-range';

export const STEP_KINDS = ['verify', 'number', 'sign', 'disposition'] as const;
export type StatisticsStepKind = (typeof STEP_KINDS)[number];

const STEP_LABELS: Record<StatisticsStepKind, string> = {
  verify: 'Verifikasi',
  number: 'Penomoran',
  sign: 'Tanda tangan',
  disposition: 'Disposisi',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

interface MonthCounts {
  sent: number;
  received: number;
  dispositions: number;
}

export interface Statistics {
  from: string;
  to: string;
  /** null: every OPD. */
  opdId: number | null;
  /** Every month of the period, also the empty ones (yyyy-mm, WIB). */
  months: ({ month: string; label: string } & MonthCounts)[];
  /** Per OPD and month, only where something happened. */
  byOpd: ({ opdId: number; opdName: string; month: string } & MonthCounts)[];
  /** Time from a step's creation to its completion, over the steps created in the period. */
  steps: {
    kind: StatisticsStepKind;
    label: string;
    finished: number;
    averageHours: number | null;
    overdue: number;
  }[];
  totals: MonthCounts & { overdue: number };
}

/** Done after its due time, or still open past it. */
const isOverdue = (due: Date | null, finished: Date | null, open: boolean, now: Date) =>
  due !== null && (finished ? finished > due : open && due < now);

function monthsBetween(from: string, to: string) {
  const out: { month: string; label: string }[] = [];
  let [year, month] = from.split('-').map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return out;
    out.push({ month: key, label: `${MONTHS[month - 1]} ${year}` });
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/**
 * Letters sent, letters received and dispositions given per OPD and month, the average hours each
 * kind of step took (verify, number and sign from letter_steps; dispositions from creation to
 * finish) and how many were overdue. A superadmin sees every OPD (or the one asked for), the bagian
 * umum their own. The default period is the last six months, WIB.
 */
export async function computeStatistics(
  db: Knex,
  actor: Actor,
  input: StatisticsInput,
  now = new Date(),
): Promise<Statistics> {
  const opdId = scopeToOpd(actor, input.opd);
  const to = input.to ?? wibDateOf(now);
  const sixMonthsBack = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 6, 1));
  const from = input.from ?? sixMonthsBack.toISOString().slice(0, 10);
  const { start, end } = wibDayRange(from, to);
  const inScope = (column: string) => (q: Knex.QueryBuilder) => {
    if (opdId !== null) q.where(column, opdId);
  };

  const sent = await db('letters')
    .modify(inScope('opd_id'))
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .select('opd_id', 'sent_at as at');
  const received = await db('incoming_letters')
    .modify(inScope('opd_id'))
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .select('opd_id', 'created_at as at');
  const dispositions = await db('dispositions as d')
    .join('incoming_letters as i', 'i.id', 'd.incoming_letter_id')
    .modify(inScope('i.opd_id'))
    .whereNot('d.status', 'recalled')
    .where('d.created_at', '>=', start)
    .where('d.created_at', '<', end)
    .select('i.opd_id', 'd.created_at as at', 'd.finished_at', 'd.due_at', 'd.status');
  const steps = await db('letter_steps')
    .modify(inScope('opd_id'))
    .whereIn('kind', ['verify', 'number', 'sign'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .select('kind', 'created_at', 'acted_at', 'due_at', 'status');

  const months = monthsBetween(from, to).map((m) => ({ ...m, sent: 0, received: 0, dispositions: 0 }));
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const byOpd = new Map<string, Statistics['byOpd'][number]>();
  const opdNames = new Map(
    (await db('opd').select('id', 'name')).map((o) => [Number(o.id), String(o.name)] as const),
  );
  const count = (rows: { opd_id: unknown; at: unknown }[], field: keyof MonthCounts) => {
    for (const r of rows) {
      const month = wibDateOf(toDate(r.at)!).slice(0, 7);
      const id = Number(r.opd_id);
      const key = `${id}|${month}`;
      const cell = byOpd.get(key) ?? {
        opdId: id,
        opdName: opdNames.get(id) ?? '',
        month,
        sent: 0,
        received: 0,
        dispositions: 0,
      };
      cell[field] += 1;
      byOpd.set(key, cell);
      const total = byMonth.get(month);
      if (total) total[field] += 1;
    }
  };
  count(sent, 'sent');
  count(received, 'received');
  count(dispositions, 'dispositions');

  const durations = new Map<StatisticsStepKind, { hours: number[]; overdue: number }>(
    STEP_KINDS.map((k) => [k, { hours: [], overdue: 0 }]),
  );
  const record = (kind: StatisticsStepKind, created: Date, finished: Date | null, late: boolean) => {
    const entry = durations.get(kind)!;
    if (finished) entry.hours.push((finished.getTime() - created.getTime()) / 3_600_000);
    if (late) entry.overdue += 1;
  };
  for (const s of steps) {
    const finished = toDate(s.acted_at);
    const due = toDate(s.due_at);
    record(s.kind, toDate(s.created_at)!, finished, isOverdue(due, finished, s.status === 'active', now));
  }
  for (const d of dispositions) {
    const finished = toDate(d.finished_at);
    const open = OPEN_DISPOSITION.includes(d.status as DispositionStatus);
    record('disposition', toDate(d.at)!, finished, isOverdue(toDate(d.due_at), finished, open, now));
  }
  const stepStats = STEP_KINDS.map((kind) => {
    const { hours, overdue } = durations.get(kind)!;
    const average = hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null;
    return {
      kind,
      label: STEP_LABELS[kind],
      finished: hours.length,
      averageHours: average === null ? null : Math.round(average * 100) / 100,
      overdue,
    };
  });
  return {
    from,
    to,
    opdId,
    months,
    byOpd: [...byOpd.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || a.opdName.localeCompare(b.opdName),
    ),
    steps: stepStats,
    totals: {
      sent: sent.length,
      received: received.length,
      dispositions: dispositions.length,
      overdue: stepStats.reduce((n, s) => n + s.overdue, 0),
    },
  };
}

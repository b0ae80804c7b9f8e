import { wibDateOf } from '../archive/wib-date-of';
import { ValidationError } from '../errors';
import { agendaWeekOf } from './agenda-week-of';
import { agendaWeekStart } from './agenda-week-start';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => isoOf(dayOf(iso) + n * DAY_MS);
/** 0 for Monday … 6 for Sunday. */
const weekdayOf = (iso: string) => (new Date(dayOf(iso)).getUTCDay() + 6) % 7;
const monthName = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' });

const isoWeekOf = (iso: string) => agendaWeekOf(new Date(`${iso}T00:00:00+07:00`));

function mondayOfWeek(param: string): string {
  const start = agendaWeekStart(param);
  if (!start) throw new ValidationError('Minggu tidak sah: gunakan format tttt-Wmm, mis. 2026-W49.');
  return wibDateOf(start);
}

function firstOfMonth(param: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(param);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new ValidationError('Bulan tidak sah: gunakan format tttt-bb, mis. 2026-12.');
  return `${param}-01`;
}

/**
 * The days a calendar page shows, in WIB: a month (?bulan=2026-12) as whole Monday-to-Sunday weeks, or
 * one ISO week (?minggu=2026-W49); this month when neither is given. `from`/`to` bound the days shown.
 */
export function agendaCalendarRange(query: { bulan?: string; minggu?: string }, now: Date) {
  const today = wibDateOf(now);
  const mode: 'month' | 'week' = query.minggu ? 'week' : 'month';
  let from: string;
  let to: string;
  let label: string;
  let prev: string;
  let next: string;
  let current: { name: 'bulan' | 'minggu'; value: string };
  if (mode === 'week') {
    from = mondayOfWeek(query.minggu!);
    to = addDays(from, 6);
    const [, week] = query.minggu!.split('-W');
    label = `Minggu ke-${Number(week)}: ${longDate.format(dayOf(from))} – ${longDate.format(dayOf(to))}`;
    prev = `minggu=${isoWeekOf(addDays(from, -7))}`;
    next = `minggu=${isoWeekOf(addDays(from, 7))}`;
    current = { name: 'minggu', value: query.minggu! };
  } else {
    const first = query.bulan ? firstOfMonth(query.bulan) : `${today.slice(0, 7)}-01`;
    const last = addDays(isoOf(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 1)), -1);
    from = addDays(first, -weekdayOf(first));
    to = addDays(last, 6 - weekdayOf(last));
    label = monthName.format(dayOf(first));
    prev = `bulan=${addDays(first, -1).slice(0, 7)}`;
    next = `bulan=${addDays(last, 1).slice(0, 7)}`;
    current = { name: 'bulan', value: first.slice(0, 7) };
  }
  const month = mode === 'month' ? current.value : null;
  const weeks: {
    week: string;
    days: { date: string; day: number; weekday: string; inRange: boolean; isToday: boolean }[];
  }[] = [];
  for (let d = from; d <= to; d = addDays(d, 7)) {
    weeks.push({
      week: isoWeekOf(d),
      days: Array.from({ length: 7 }, (_, i) => {
        const date = addDays(d, i);
        return {
          date,
          day: Number(date.slice(8, 10)),
          weekday: WEEKDAYS[i],
          inRange: month === null || date.startsWith(month),
          isToday: date === today,
        };
      }),
    });
  }
  return {
    mode,
    label,
    from,
    to,
    weeks,
    weekdays: WEEKDAYS,
    prev,
    next,
    current,
    thisMonth: `bulan=${today.slice(0, 7)}`,
    thisWeek: `minggu=${isoWeekOf(today)}`,
  };
}

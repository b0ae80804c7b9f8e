import type Handlebars from 'handlebars';
import { wibDateOf } from '../archive/wib-date-of';
import { emblemDataUrl, kopDocumentTemplate } from '../documents/kop-document-template';
import type { BrowserPool } from '../pdf/browser-pool';
import { AGENDA_STATUS_LABELS } from './agenda-labels';
import type { AgendaWeek, AgendaWeekItem } from './load-agenda-week';

const DAY_MS = 86_400_000;
const time = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
});
const dayAndTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const printed = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});

let compiled: Handlebars.TemplateDelegate | undefined;
const template = () => (compiled ??= kopDocumentTemplate('agenda-week', 'week-css'));

/** "09.00 – 11.00" on the day itself; a bound on another day carries its date ("1 Des 00.00"). */
function timeOn(item: AgendaWeekItem, dayStart: number): string {
  const within = (d: Date) => d.getTime() >= dayStart && d.getTime() < dayStart + DAY_MS;
  const shown = (d: Date) => (within(d) ? time : dayAndTime).format(d).replace(',', '');
  if (item.kind === 'deadline') return `Tenggat ${shown(item.endsAt)}`;
  return `${shown(item.startsAt)} – ${shown(item.endsAt)}`;
}

/** The seven days of the week, each with the items that overlap it (a trip shows on each of its days). */
function days(week: AgendaWeek) {
  return Array.from({ length: 7 }, (_, i) => {
    const start = week.start.getTime() + i * DAY_MS;
    const items = week.items.filter(
      (item) =>
        item.startsAt.getTime() < start + DAY_MS &&
        (item.endsAt.getTime() > start || item.startsAt.getTime() >= start),
    );
    return {
      date: wibDateOf(new Date(start)),
      items: items.map((item) => ({
        ...item,
        time: timeOn(item, start),
        status: AGENDA_STATUS_LABELS[item.status].label,
        cancelled: item.status === 'cancelled',
      })),
    };
  });
}

/**
 * The printable weekly agenda of a division (A4 PDF): the OPD's kop, then Monday to Sunday with each
 * item's time, title, place, responsible person, target output and status.
 */
export async function renderAgendaWeek(
  pool: BrowserPool,
  week: AgendaWeek,
  now: Date = new Date(),
): Promise<Buffer> {
  return pool.renderPdf(
    template()({
      ...week,
      first: wibDateOf(week.start),
      last: wibDateOf(new Date(week.start.getTime() + 6 * DAY_MS)),
      weekNumber: Number(week.week.slice(-2)),
      year: week.week.slice(0, 4),
      days: days(week),
      printedAt: `${printed.format(now)} WIB`,
      assets: { emblem: emblemDataUrl() },
    }),
  );
}

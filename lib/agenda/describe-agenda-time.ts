import { wibDateOf } from '../archive/wib-date-of';

const date = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dateTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});
const time = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', timeStyle: 'short' });

/**
 * When an activity takes place, as people read it in WIB: "Kamis, 3 Desember 2026, 09.00–11.00 WIB"
 * within one day, "pukul 16.00 WIB" for a deadline, both ends in full when it spans days.
 */
export function describeAgendaTime(startsAt: Date, endsAt: Date): string {
  if (startsAt.getTime() === endsAt.getTime())
    return `${date.format(startsAt)}, pukul ${time.format(startsAt)} WIB`;
  if (wibDateOf(startsAt) === wibDateOf(endsAt))
    return `${date.format(startsAt)}, ${time.format(startsAt)}–${time.format(endsAt)} WIB`;
  return `${dateTime.format(startsAt)} – ${dateTime.format(endsAt)} WIB`;
}

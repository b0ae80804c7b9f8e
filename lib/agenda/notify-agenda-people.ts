import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import type { MailSettings } from '../notifications/send-notification-emails';
import { storeNotifications } from '../notifications/store-notifications';
import type { AgendaActivities } from '../../workflows/agenda-item-types';

export type AgendaNotice = Parameters<AgendaActivities['notifyAgenda']>[0];

const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'full',
  timeStyle: 'short',
});

/**
 * Sends one reminder or overdue notice about an agenda item to its responsible person and participants,
 * linking to its page. The row is the record: an item no longer planned, gone, or whose dates are not
 * the ones the workflow's timer was set for gets nothing (false), so a late timer never reminds about a
 * moved or finished activity.
 */
export async function notifyAgendaPeople(
  db: Knex,
  mail: MailSettings,
  notice: AgendaNotice,
): Promise<boolean> {
  const item = await db('agenda_items')
    .where({ id: notice.itemId })
    .first('title', 'place', 'target_output', 'starts_at', 'ends_at', 'status', 'responsible_id');
  if (!item || item.status !== 'planned') return false;
  const startsAt = toDate(item.starts_at)!;
  if (
    startsAt.getTime() !== Date.parse(notice.startsAt) ||
    toDate(item.ends_at)!.getTime() !== Date.parse(notice.endsAt)
  )
    return false;
  const participants: number[] = (
    await db('agenda_participants').where({ agenda_item_id: notice.itemId }).pluck('user_id')
  ).map(Number);
  const target = item.target_output ? ` (${item.target_output})` : '';
  const reminder = notice.kind === 'reminder';
  await storeNotifications(db, mail, {
    userIds: [Number(item.responsible_id), ...participants],
    kind: reminder ? 'agenda_reminder' : 'agenda_overdue',
    title: reminder
      ? `Pengingat: ${item.title} dimulai ${wib.format(startsAt)} WIB`
      : `Kegiatan ${item.title} sudah lewat, laporkan hasilnya${target}`,
    body: reminder
      ? [
          item.place && `Tempat: ${item.place}.`,
          item.target_output && `Target keluaran: ${item.target_output}.`,
        ]
          .filter(Boolean)
          .join(' ') || null
      : 'Tandai kegiatan selesai dan unggah laporan atau hasilnya di halaman kegiatan.',
    link: `/agenda/${notice.itemId}`,
  });
  return true;
}

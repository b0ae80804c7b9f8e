import type { Knex } from 'knex';
import ical from 'ical-generator';
import { hashToken } from '../auth/secret-token';
import { WIB_OFFSET_MS } from '../archive/wib-day-range';
import { toDate } from '../db/to-date';
import { NotFoundError } from '../errors';
import { AGENDA_STATUS_LABELS } from './agenda-labels';
import { agendaFeedTimezone } from './agenda-feed-timezone';
import type { AgendaStatus } from '../../workflows/agenda-item-types';

/** How far back the feed reaches: a calendar app keeps what it already fetched. */
const PAST_DAYS = 30;

/**
 * An instant as WIB wall-clock time without an offset ("2026-12-07T09:00:00"). With a time zone set,
 * ical-generator writes a native Date's local-time fields after TZID, and a string without an offset
 * parses to exactly those fields, so the output does not depend on the server's own time zone (save
 * for an hour skipped by that zone's daylight saving; WIB and UTC have none).
 */
const wibWallClock = (value: unknown) =>
  new Date(toDate(value)!.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 19);

/**
 * The iCalendar (RFC 5545) feed behind a private token: the items the token's owner is responsible
 * for or named on, planned or done, ending at most 30 days ago, in Asia/Jakarta. An unknown or revoked
 * token, or a deactivated account, is a NotFoundError. Each item keeps one UID, so an edit updates the
 * event in the subscriber's calendar instead of adding one.
 */
export async function renderAgendaFeed(
  db: Knex,
  publicUrl: string,
  token: string,
  now: Date = new Date(),
): Promise<string> {
  const owner = await db('agenda_feed_tokens as f')
    .join('users as u', 'u.id', 'f.user_id')
    .where({ 'f.token_hash': hashToken(token), 'u.active': true })
    .first('u.id', 'u.name');
  if (!owner) throw new NotFoundError('Alamat kalender tidak ditemukan atau sudah dicabut.');
  const userId = Number(owner.id);
  const items = await db('agenda_items as a')
    .where((w) =>
      w
        .where('a.responsible_id', userId)
        .orWhereExists(
          db('agenda_participants as p').whereRaw('p.agenda_item_id = a.id').where('p.user_id', userId),
        ),
    )
    .whereIn('a.status', ['planned', 'done'])
    .where('a.ends_at', '>=', new Date(now.getTime() - PAST_DAYS * 86_400_000))
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .select(
      'a.id',
      'a.title',
      'a.place',
      'a.starts_at',
      'a.ends_at',
      'a.target_output',
      'a.status',
      'a.updated_at',
    );
  const host = new URL(publicUrl).hostname;
  const calendar = ical({
    name: `Agenda e-Office: ${owner.name}`,
    prodId: { company: 'Pemerintah Kabupaten Kuantan Singingi', product: 'e-Office', language: 'ID' },
    timezone: { name: 'Asia/Jakarta', generator: agendaFeedTimezone },
    ttl: 3600,
  });
  for (const item of items) {
    const link = `${publicUrl}/agenda/${item.id}`;
    const status = AGENDA_STATUS_LABELS[item.status as AgendaStatus].label;
    calendar.createEvent({
      id: `agenda-${item.id}@${host}`,
      timezone: 'Asia/Jakarta',
      start: wibWallClock(item.starts_at),
      end: wibWallClock(item.ends_at),
      summary: item.title,
      location: item.place ? item.place : null,
      description: [`Target keluaran: ${item.target_output || '-'}`, `Status: ${status}`, link].join('\n'),
      url: link,
      lastModified: wibWallClock(item.updated_at),
      stamp: wibWallClock(item.updated_at),
    });
  }
  return calendar.toString();
}

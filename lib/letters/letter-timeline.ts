import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface TimelineItem {
  action: string;
  at: Date | null;
  /** The actor's name, or "Sistem" for what the workflow did by itself. */
  actor: string;
  data: Record<string, unknown>;
}

/** What each recorded action means, as the letter's page says it. */
export const TIMELINE_ACTION_LABELS: Record<string, string> = {
  'letter.create': 'Membuat konsep surat',
  'letter.edit': 'Mengubah konsep (versi baru)',
  'letter.submit': 'Mengajukan surat untuk verifikasi',
  'letter.approve': 'Menyetujui surat',
  'letter.return': 'Mengembalikan surat untuk diperbaiki',
  'letter.number': 'Memberi nomor surat',
  'letter.sign': 'Menandatangani surat secara elektronik',
  'letter.signed_document': 'Dokumen bertanda tangan tersimpan',
  'letter.deliver': 'Mengirim surat ke perangkat daerah tujuan',
  'letter.send': 'Surat terkirim',
  'letter.withdraw': 'Menarik surat',
};

export const timelineActionLabel = (action: string): string => TIMELINE_ACTION_LABELS[action] ?? action;

/** Every audit event of a letter, oldest first, with the actor's name. */
export async function letterTimeline(db: Knex, letterId: number): Promise<TimelineItem[]> {
  const rows = await db('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .where({ entity_type: 'letter', entity_id: String(letterId) })
    .orderBy('audit_log.id')
    .select('audit_log.id', 'audit_log.action', 'audit_log.occurred_at', 'audit_log.data', 'users.name');
  return rows.map((r) => ({
    action: r.action,
    at: toDate(r.occurred_at),
    actor: r.name ?? 'Sistem',
    data: JSON.parse(r.data),
  }));
}

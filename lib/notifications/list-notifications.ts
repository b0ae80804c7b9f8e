import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  read: boolean;
  createdAt: Date;
}

/** A page of one person's notifications, newest first, with how many are unread. */
export async function listNotifications(
  db: Knex,
  userId: number,
  page: { page: number; pageSize: number; unreadOnly?: boolean },
): Promise<{ items: NotificationItem[]; total: number; unread: number; page: number; pageSize: number }> {
  const mine = () => db('notifications').where({ user_id: userId });
  const filtered = () => (page.unreadOnly ? mine().whereNull('read_at') : mine());
  const [[{ total }], [{ unread }], rows] = await Promise.all([
    filtered().count({ total: '*' }),
    mine().whereNull('read_at').count({ unread: '*' }),
    filtered()
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
  ]);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      read: r.read_at !== null,
      createdAt: toDate(r.created_at) as Date,
    })),
    total: Number(total),
    unread: Number(unread),
    page: page.page,
    pageSize: page.pageSize,
  };
}

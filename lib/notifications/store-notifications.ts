import type { Knex } from 'knex';
import { sendNotificationEmails, type MailSettings } from './send-notification-emails';

export interface NewNotification {
  /** Who it is for: inactive users are skipped, repeats counted once. */
  userIds: number[];
  kind: string;
  title: string;
  body?: string | null;
  link: string | null;
}

const TITLE_MAX = 300;

/**
 * The one way notifications are written: one row per active user (deduplicated) in one transaction,
 * then, once committed, an e-mail copy to those who asked for it. Returns the users notified, sorted.
 */
export async function storeNotifications(
  db: Knex,
  mail: MailSettings,
  notice: NewNotification,
): Promise<number[]> {
  const wanted = [...new Set(notice.userIds.filter((id) => Number.isInteger(id) && id > 0))];
  if (!wanted.length) return [];
  const active: number[] = (await db('users').whereIn('id', wanted).where({ active: true }).pluck('id'))
    .map(Number)
    .sort((a, b) => a - b);
  if (!active.length) return [];
  const title = notice.title.slice(0, TITLE_MAX);
  const now = new Date();
  await db.transaction(async (trx) => {
    await trx('notifications').insert(
      active.map((userId) => ({
        user_id: userId,
        kind: notice.kind,
        title,
        body: notice.body ?? null,
        link: notice.link,
        created_at: now,
      })),
    );
  });
  await sendNotificationEmails(db, mail, { userIds: active, title, body: notice.body, link: notice.link });
  return active;
}

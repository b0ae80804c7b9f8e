import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface FeedNotification {
  id: number;
  kind: string;
  title: string;
  link: string | null;
  createdAt: Date;
}

export type FeedListener = (notification: FeedNotification) => void;

export interface NotificationFeed {
  /** Delivers the user's notifications created from now on; call the answer to stop. */
  subscribe(userId: number, listener: FeedListener): Promise<() => void>;
  /** Whether the poller runs (only while someone is subscribed). */
  isPolling(): boolean;
  subscriberCount(): number;
}

interface Subscriber {
  userId: number;
  listener: FeedListener;
  /** Only notifications above this id are new for this subscriber. */
  sinceId: number;
  delivered: Set<number>;
}

/**
 * Auto-increment ids can commit out of order (two transactions, several processes), so each poll
 * looks back this many ids below the highest seen, and what was delivered already is skipped.
 */
const LOOKBACK_IDS = 100;

const feeds = new WeakMap<Knex, NotificationFeed>();

/**
 * The live feed behind SSE: notifications are written by the worker (another process), so the web
 * process notices them in the database. One poller per database handle (one per web process), for the
 * connected users only, running only while someone is connected; several web processes each poll.
 */
export function notificationFeedFor(db: Knex, intervalMs = 250): NotificationFeed {
  const existing = feeds.get(db);
  if (existing) return existing;
  const subscribers = new Set<Subscriber>();
  let highest = 0;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  const maxId = async () => Number((await db('notifications').max({ m: 'id' }))[0].m ?? 0);

  async function poll() {
    const users = [...new Set([...subscribers].map((s) => s.userId))];
    if (!users.length) return;
    const floor = Math.max(0, highest - LOOKBACK_IDS);
    const rows = await db('notifications')
      .where('id', '>', floor)
      .whereIn('user_id', users)
      .orderBy('id')
      .select('id', 'user_id', 'kind', 'title', 'link', 'created_at');
    highest = Math.max(highest, await maxId());
    for (const row of rows) {
      const id = Number(row.id);
      const item: FeedNotification = {
        id,
        kind: row.kind,
        title: row.title,
        link: row.link,
        createdAt: toDate(row.created_at) as Date,
      };
      for (const s of subscribers) {
        if (s.userId !== Number(row.user_id) || id <= s.sinceId || s.delivered.has(id)) continue;
        s.delivered.add(id);
        s.listener(item);
      }
    }
    for (const s of subscribers) for (const id of s.delivered) if (id <= floor) s.delivered.delete(id);
  }

  function schedule() {
    if (timer || busy || !subscribers.size) return;
    timer = setTimeout(() => {
      timer = null;
      busy = true;
      poll()
        .catch(() => undefined) // a failed poll (database briefly away) is retried on the next tick
        .finally(() => {
          busy = false;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  }

  const feed: NotificationFeed = {
    async subscribe(userId, listener) {
      const sinceId = await maxId();
      highest = Math.max(highest, sinceId);
      const subscriber: Subscriber = { userId, listener, sinceId, delivered: new Set() };
      subscribers.add(subscriber);
      schedule();
      return () => {
        subscribers.delete(subscriber);
        if (!subscribers.size && timer) {
          clearTimeout(timer);
          timer = null;
        }
      };
    },
    isPolling: () => timer !== null || busy,
    subscriberCount: () => subscribers.size,
  };
  feeds.set(db, feed);
  return feed;
}

import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKnex } from '../../lib/db/create-knex';
import { notificationFeedFor } from '../../lib/notifications/notification-feed';
import {
  loginTokens,
  openEventStream,
  registerPaperLetter,
  type EventStreamClient,
} from '../support/incoming-api';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { createTestApp } from '../support/test-app';

/**
 * The live notifications over Server-Sent Events on a real stack (Temporal dev server, the real worker
 * writing notifications, the app): a receiver's connected client gets the `notification` event within a
 * second of the disposition update answering, then fresh `counters`; another user's client gets nothing;
 * closing the clients stops the shared poller.
 */

jest.setTimeout(120_000);

const ADMIN = 'admin.diskominfo';
const RECEIVER = 'sekretaris.diskominfo';
const BYSTANDER = 'staf1.diskominfo';

let stack: LetterStack;
let baseUrl: string;
let tokens: Record<string, string>;
const open: EventStreamClient[] = [];

beforeAll(async () => {
  stack = await startLetterStack();
  baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  tokens = await loginTokens(baseUrl, [ADMIN, RECEIVER, BYSTANDER]);
});

afterAll(async () => {
  for (const c of open) c.close();
  await stack?.stop();
});

/** A new paper letter dispositioned by the admin to `user`; when the update answered. */
async function disposeNewLetterTo(user: string) {
  const letter = await registerPaperLetter(baseUrl, tokens[ADMIN]);
  const res = await fetch(`${baseUrl}/api/v1/incoming/${letter.id}/dispositions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[ADMIN]}` },
    body: JSON.stringify({ toUserIds: [await stack.userId(user)], instruction: 'Untuk ditindaklanjuti' }),
  });
  const answeredAt = performance.now();
  expect(res.status).toBe(201);
  expect(((await res.json()) as { ids: number[] }).ids).toHaveLength(1);
  return { letter, answeredAt };
}

async function connect(user: string | null, url = baseUrl) {
  const client = await openEventStream(url, user ? tokens[user] : null);
  open.push(client);
  return client;
}

test('without a token the stream is refused with 401', async () => {
  const client = await connect(null);
  expect(client.status).toBe(401);
});

test('the receiver gets the notification within a second of the disposition, then fresh counters', async () => {
  const feed = notificationFeedFor(stack.t.db);
  const receiver = await connect(RECEIVER);
  const bystander = await connect(BYSTANDER);
  expect(receiver.status).toBe(200);
  expect(receiver.headers['content-type']).toMatch(/^text\/event-stream/);
  expect(receiver.headers['cache-control']).toBe('no-cache');
  expect(receiver.headers['x-accel-buffering']).toBe('no');

  const first = await receiver.next((e) => e.event === 'counters');
  expect(first.data).toMatchObject({ disposition: 0, unreadNotifications: expect.any(Number) });
  await bystander.next((e) => e.event === 'counters');
  expect(feed.subscriberCount()).toBe(2);
  expect(feed.isPolling()).toBe(true);

  const { letter, answeredAt } = await disposeNewLetterTo(RECEIVER);

  const notice = await receiver.next((e) => e.event === 'notification', 5_000);
  expect(notice.at - answeredAt).toBeLessThan(1000);
  expect(notice.data).toMatchObject({
    id: expect.any(Number),
    kind: 'disposition',
    title: expect.any(String),
    link: `/surat-masuk/${letter.id}`,
    createdAt: expect.any(String),
  });
  const after = await receiver.next((e) => e.event === 'counters' && e.at >= notice.at);
  expect(after.data).toMatchObject({ disposition: 1 });
  expect((after.data as { unreadNotifications: number }).unreadNotifications).toBe(
    (first.data as { unreadNotifications: number }).unreadNotifications + 1,
  );

  // The bystander, connected all along, heard nothing (the admin's own notices are not theirs either).
  await sleep(750);
  expect(bystander.events.filter((e) => e.event === 'notification')).toEqual([]);
  expect(receiver.events.filter((e) => e.event === 'notification')).toHaveLength(1);

  receiver.close();
  bystander.close();
  for (let i = 0; i < 100 && (feed.subscriberCount() > 0 || feed.isPolling()); i++) await sleep(20);
  expect(feed.subscriberCount()).toBe(0);
  expect(feed.isPolling()).toBe(false);
});

test('another web process over the same database has its own poller and delivers as fast', async () => {
  const db = createKnex(stack.t.config.database);
  const server = createTestApp(stack.t.config, db, stack.client).listen(0);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const feed = notificationFeedFor(db);
    expect(feed).not.toBe(notificationFeedFor(stack.t.db));
    const client = await connect(BYSTANDER, url);
    await client.next((e) => e.event === 'counters');
    expect(feed.isPolling()).toBe(true);
    // Nobody is connected to the first process: its poller stays off.
    expect(notificationFeedFor(stack.t.db).isPolling()).toBe(false);

    const { letter, answeredAt } = await disposeNewLetterTo(BYSTANDER);
    const notice = await client.next((e) => e.event === 'notification', 5_000);
    expect(notice.at - answeredAt).toBeLessThan(1000);
    expect(notice.data).toMatchObject({ kind: 'disposition', link: `/surat-masuk/${letter.id}` });
    client.close();
    for (let i = 0; i < 100 && feed.isPolling(); i++) await sleep(20);
    expect(feed.isPolling()).toBe(false);
  } finally {
    server.close();
    await db.destroy();
  }
});

import type { Knex } from 'knex';
import { notificationFeedFor } from '../../lib/notifications/notification-feed';
import { ANY_USER, type Actor } from '../../lib/rbac/policy';
import { countTasks } from '../../lib/tasks/count-tasks';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const HEARTBEAT_MS = 20_000;

/** The dashboard's task counters plus the unread notifications: what the navbar and dashboard show. */
async function counters(db: Knex, actor: Actor) {
  const [[{ n }], tasks] = await Promise.all([
    db('notifications').where({ user_id: actor.id }).whereNull('read_at').count({ n: '*' }),
    countTasks(db, actor),
  ]);
  return { ...tasks, unreadNotifications: Number(n) };
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export function eventRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/events',
      access: ANY_USER,
      summary:
        'Server-Sent Events: `counters` on connect, then each new `notification` of the caller followed by fresh `counters`.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        // Written straight to the socket, not through Koa's body handling: nothing may buffer it, and
        // a client going away is the normal end of the stream, not an error.
        ctx.respond = false;
        ctx.status = 200;
        ctx.type = 'text/event-stream';
        ctx.set('Cache-Control', 'no-cache');
        ctx.set('X-Accel-Buffering', 'no');
        ctx.set('Connection', 'keep-alive');
        const res = ctx.res;
        res.socket?.setTimeout(0);
        res.socket?.setNoDelay(true);
        res.flushHeaders();
        // Sends in order even when a notification arrives while counters are being counted.
        let queue = Promise.resolve();
        const send = (produce: () => Promise<string> | string) => {
          queue = queue
            .then(async () => {
              const text = await produce();
              if (!res.writableEnded && !res.destroyed) res.write(text);
            })
            .catch((err) => ctx.state.log.warn({ err }, 'event stream write failed'));
        };
        const unsubscribe = await notificationFeedFor(db).subscribe(actor.id, (n) => {
          send(() => frame('notification', n));
          send(async () => frame('counters', await counters(db, actor)));
        });
        const heartbeat = setInterval(() => send(() => ': ping\n\n'), HEARTBEAT_MS).unref();
        const stop = () => {
          unsubscribe();
          clearInterval(heartbeat);
        };
        res.once('close', stop);
        // The client may have gone while the subscription was being set up.
        if (res.closed || res.destroyed) stop();
        send(async () => `retry: 3000\n\n${frame('counters', await counters(db, actor))}`);
      },
    },
  ];
}

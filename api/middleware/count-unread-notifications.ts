import type { Knex } from 'knex';
import type { Next } from 'koa';
import { isApiRequest, type AppContext } from '../context';

/** For pages, the unread count the navbar's bell shows; the API has its own endpoint. */
export function countUnreadNotifications(db: Knex) {
  return async (ctx: AppContext, next: Next) => {
    const auth = ctx.state.auth;
    if (auth && ctx.method === 'GET' && !isApiRequest(ctx)) {
      const [{ n }] = await db('notifications')
        .where({ user_id: auth.user.id })
        .whereNull('read_at')
        .count({ n: '*' });
      ctx.state.unreadNotifications = Number(n);
    }
    await next();
  };
}

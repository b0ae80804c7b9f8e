import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type { Logger } from '../../lib/logger';
import type { AppContext } from '../context';

/** Tags every request (and its log lines) with an id, taken from a proxy's X-Request-Id when sane. */
export function requestId(logger: Logger) {
  return async (ctx: AppContext, next: Next) => {
    const given = ctx.get('x-request-id');
    const id = /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ reqId: id });
    ctx.set('X-Request-Id', id);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      ctx.state.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          userId: ctx.state.auth?.user.id,
        },
        'request',
      );
    }
  };
}

import type { Next } from 'koa';
import { httpRequestDuration } from '../../lib/metrics/metrics';
import type { AppContext } from '../context';

/** Methods outside this list are counted as "other": a client cannot invent label values. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every request into eoffice_http_request_duration_seconds. The route label is the matched
 * RouteDef pattern (e.g. /api/v1/letters/:id), so ids never become label values. Mounted outside
 * handleErrors so the status is the one the client gets.
 */
export function httpMetrics() {
  return async (ctx: AppContext, next: Next) => {
    const endTimer = httpRequestDuration.startTimer();
    try {
      await next();
    } finally {
      const route = ctx._matchedRoute;
      endTimer({
        method: METHODS.has(ctx.method) ? ctx.method : 'other',
        route: typeof route === 'string' ? route : 'unmatched',
        status: String(ctx.status),
      });
    }
  };
}

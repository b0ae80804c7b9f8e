import { createHash, timingSafeEqual } from 'node:crypto';
import { registry } from '../../lib/metrics/metrics';
import { PUBLIC } from '../../lib/rbac/policy';
import type { AppContext, AppDeps } from '../context';
import type { RouteDef } from '../route';

/** Hashing first gives equal lengths, so the comparison takes the same time whatever was sent. */
const digest = (value: string) => createHash('sha256').update(value).digest();

function bearerMatches(ctx: AppContext, expected: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Prometheus scrapes this with METRICS_TOKEN as its bearer token; it is no user's session, so the route
 * is PUBLIC and checks the token itself. Without METRICS_TOKEN it is the same 404 as any unknown path.
 */
export function metricsRoutes({ config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/metrics',
      access: PUBLIC,
      summary: 'Prometheus metrics of the web process (bearer METRICS_TOKEN; 404 when it is unset).',
      handler: async (ctx) => {
        const expected = config.metricsToken;
        if (!expected) return;
        if (!bearerMatches(ctx, expected)) {
          // Set here, not thrown: the central handler would send a browser-like Accept to /login.
          ctx.status = 401;
          ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
          ctx.body = { error: { code: 'unauthenticated', message: 'Token metrik tidak valid.' } };
          return;
        }
        ctx.type = registry.contentType;
        ctx.body = await registry.metrics();
      },
    },
  ];
}

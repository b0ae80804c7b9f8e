import { isWorkerPolling } from '../../lib/temporal/check-worker-polling';
import { PUBLIC } from '../../lib/rbac/policy';
import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

type Check = 'ok' | 'error' | 'no_worker';

async function check(fn: () => Promise<boolean>): Promise<Check> {
  try {
    return (await fn()) ? 'ok' : 'no_worker';
  } catch {
    return 'error';
  }
}

export function healthRoutes({ db, temporalClient, config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/health',
      access: PUBLIC,
      summary: 'Liveness: the web process answers.',
      handler: (ctx) => {
        ctx.body = { status: 'ok' };
      },
    },
    {
      method: 'get',
      path: '/ready',
      access: PUBLIC,
      summary: 'Readiness: database reachable, Temporal reachable, a worker polling the task queue.',
      handler: async (ctx) => {
        const database = await check(async () => (await db.raw('select 1'), true));
        let temporal: Check = 'error';
        let worker: Check = 'error';
        try {
          const client = await temporalClient();
          await client.workflowService.getSystemInfo({});
          temporal = 'ok';
          worker = await check(() => isWorkerPolling(client, config.temporal.taskQueue));
        } catch {
          // temporal stays 'error'; so does the worker check, which needs it.
        }
        const ready = database === 'ok' && temporal === 'ok' && worker === 'ok';
        ctx.status = ready ? 200 : 503;
        ctx.body = { status: ready ? 'ready' : 'not_ready', checks: { database, temporal, worker } };
      },
    },
  ];
}

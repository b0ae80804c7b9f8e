import { countTasks } from '../../lib/tasks/count-tasks';
import { ANY_USER } from '../../lib/rbac/policy';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

export function taskRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/tasks',
      access: ANY_USER,
      summary: 'What waits for the caller: counters per kind of task, and how many are overdue.',
      handler: async (ctx) => {
        ctx.body = { counters: await countTasks(db, requireAuth(ctx).actor) };
      },
    },
  ];
}

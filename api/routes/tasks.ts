import { z } from 'zod';
import { countTasks } from '../../lib/tasks/count-tasks';
import { listTasks } from '../../lib/tasks/list-tasks';
import { TASK_KINDS } from '../../lib/tasks/task-queries';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const taskQuery = z.object({ pageSize: z.coerce.number().int().min(1).max(100).default(20) });

export function taskRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/tasks',
      access: ANY_USER,
      input: { query: taskQuery },
      summary:
        'What waits for the caller: counters per kind, and the oldest-due items of each kind with due times.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const { pageSize } = parseInput(taskQuery, ctx.query);
        const lists = await Promise.all(
          TASK_KINDS.map(async (kind) => [
            kind,
            (await listTasks(db, actor, kind, { page: 1, pageSize })).items,
          ]),
        );
        ctx.body = { counters: await countTasks(db, actor), items: Object.fromEntries(lists) };
      },
    },
  ];
}

import type { Knex } from 'knex';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';
import { TASK_KINDS, taskQueries, type TaskKind } from './task-queries';

export type TaskCounters = Record<TaskKind | 'overdue', number>;

/**
 * The dashboard's counters: how many tasks of each kind wait, and how many of them are overdue. The
 * kinds are counted side by side: on MariaDB each takes a pooled connection of its own.
 */
export async function countTasks(db: Knex, actor: Actor, now = new Date()): Promise<TaskCounters> {
  const queries = taskQueries(db, actor, await peopleActedFor(db, actor.id, now));
  const counted = await Promise.all(
    TASK_KINDS.map(async (kind) => {
      const task = queries[kind];
      if (!task) return { kind, total: 0, overdue: 0 };
      const overdue = task.dueColumn
        ? db.raw(`coalesce(sum(case when ${task.dueColumn} < ? then 1 else 0 end), 0) as overdue`, [now])
        : db.raw('0 as overdue');
      const [row] = await task.query.select(db.raw('count(*) as total'), overdue);
      return { kind, total: Number(row.total), overdue: Number(row.overdue) };
    }),
  );
  const counters = { overdue: 0 } as TaskCounters;
  for (const { kind, total, overdue } of counted) {
    counters[kind] = total;
    counters.overdue += overdue;
  }
  return counters;
}

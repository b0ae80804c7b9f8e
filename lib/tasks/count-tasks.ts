import type { Knex } from 'knex';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';
import { TASK_KINDS, taskQueries, type TaskKind } from './task-queries';

export type TaskCounters = Record<TaskKind | 'overdue', number>;

/** The dashboard's counters: how many tasks of each kind wait, and how many of them are overdue. */
export async function countTasks(db: Knex, actor: Actor, now = new Date()): Promise<TaskCounters> {
  const queries = taskQueries(db, actor, await peopleActedFor(db, actor.id, now));
  const counters = { overdue: 0 } as TaskCounters;
  for (const kind of TASK_KINDS) {
    const task = queries[kind];
    counters[kind] = 0;
    if (!task) continue;
    const overdue = task.dueColumn
      ? db.raw(`coalesce(sum(case when ${task.dueColumn} < ? then 1 else 0 end), 0) as overdue`, [now])
      : db.raw('0 as overdue');
    const [row] = await task.query.select(db.raw('count(*) as total'), overdue);
    counters[kind] = Number(row.total);
    counters.overdue += Number(row.overdue);
  }
  return counters;
}

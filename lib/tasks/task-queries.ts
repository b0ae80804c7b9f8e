import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';

export const TASK_KINDS = ['verify', 'number', 'sign', 'incoming', 'disposition'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskQuery {
  query: Knex.QueryBuilder;
  /** Qualified column holding the task's due time, or null when the kind has none. */
  dueColumn: string | null;
}

/**
 * For each kind of task, the rows waiting for this actor. Numbering and incoming letters wait for
 * the OPD's bagian umum as a group; the rest wait for one person, or for whoever stands in for them as
 * Plt / Plh (`actsFor`: the actor and the officials they stand in for). Null: not this actor's kind of work.
 */
export function taskQueries(
  db: Knex,
  actor: Actor,
  actsFor: number[] = [actor.id],
): Record<TaskKind, TaskQuery | null> {
  const isAdmin = actor.roles.includes('admin_opd') && actor.opdId !== null;
  const steps = (kind: string) => ({
    query: db('letter_steps').where({ 'letter_steps.kind': kind, 'letter_steps.status': 'active' }),
    dueColumn: 'letter_steps.due_at',
  });
  const mine = (t: TaskQuery) => (t.query.whereIn('letter_steps.assignee_id', actsFor), t);
  const opds = (t: TaskQuery) => (t.query.where('letter_steps.opd_id', actor.opdId), t);
  return {
    verify: mine(steps('verify')),
    number: isAdmin ? opds(steps('number')) : null,
    sign: mine(steps('sign')),
    incoming: isAdmin
      ? {
          query: db('incoming_letters').where({
            'incoming_letters.opd_id': actor.opdId,
            'incoming_letters.status': 'received',
          }),
          dueColumn: null,
        }
      : null,
    disposition: {
      query: db('dispositions')
        .whereIn('dispositions.to_user_id', actsFor)
        .whereIn('dispositions.status', ['unread', 'read']),
      dueColumn: 'dispositions.due_at',
    },
  };
}

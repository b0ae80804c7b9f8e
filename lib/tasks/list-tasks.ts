import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { listPrincipalsOf } from '../delegation/list-principals-of';
import type { Actor } from '../rbac/policy';
import { taskQueries, type TaskKind } from './task-queries';

export interface TaskItem {
  id: number;
  title: string;
  /** The outgoing letter the task is about; null for paper letters and dispositions. */
  letterId: number | null;
  /** The page to act on it: the outgoing letter's, or the incoming letter's for incoming work. */
  link: string;
  dueAt: Date | null;
  overdue: boolean;
  /** Set when the actor does this task as Plt / Plh: the official it was assigned to. */
  onBehalfOf: string | null;
}

/** One page of the actor's tasks of one kind, oldest due first, with the letter's subject as title. */
export async function listTasks(
  db: Knex,
  actor: Actor,
  kind: TaskKind,
  page: { page: number; pageSize: number },
  now = new Date(),
): Promise<{ items: TaskItem[]; total: number; page: number; pageSize: number }> {
  const principals = await listPrincipalsOf(db, actor.id, now);
  const task = taskQueries(db, actor, [actor.id, ...principals])[kind];
  if (!task) return { items: [], total: 0, ...page };
  // Counted before the joins below, which change the builder in place.
  const [{ total }] = await task.query.clone().count({ total: '*' });
  const joined =
    kind === 'incoming'
      ? task.query.select(
          'incoming_letters.id',
          'incoming_letters.subject as title',
          'incoming_letters.letter_id',
          'incoming_letters.id as incoming_id',
          db.raw('null as due_at'),
          db.raw('null as assignee_id'),
        )
      : kind === 'disposition'
        ? task.query
            .join('incoming_letters', 'incoming_letters.id', 'dispositions.incoming_letter_id')
            .select(
              'dispositions.id',
              'incoming_letters.subject as title',
              db.raw('null as letter_id'),
              'incoming_letters.id as incoming_id',
              'dispositions.due_at',
              db.raw('null as assignee_id'),
            )
        : task.query
            .join('letters', 'letters.id', 'letter_steps.letter_id')
            .select(
              'letter_steps.id',
              'letters.subject as title',
              'letter_steps.letter_id',
              db.raw('null as incoming_id'),
              'letter_steps.due_at',
              'letter_steps.assignee_id',
            );
  const rows = await joined
    .orderBy(task.dueColumn ?? 'id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const principalNames = new Map<number, string>(
    principals.length
      ? (await db('users').whereIn('id', principals).select('id', 'name')).map((u) => [Number(u.id), u.name])
      : [],
  );
  return {
    items: rows.map(
      (r: {
        id: number;
        title: string;
        letter_id: unknown;
        incoming_id: unknown;
        due_at: unknown;
        assignee_id: unknown;
      }) => {
        const dueAt = toDate(r.due_at);
        const letterId = r.letter_id === null || r.letter_id === undefined ? null : Number(r.letter_id);
        return {
          id: Number(r.id),
          title: r.title,
          letterId,
          link: r.incoming_id ? `/surat-masuk/${Number(r.incoming_id)}` : `/surat/${letterId}`,
          dueAt,
          overdue: dueAt !== null && dueAt < now,
          onBehalfOf: principalNames.get(Number(r.assignee_id)) ?? null,
        };
      },
    ),
    total: Number(total),
    ...page,
  };
}

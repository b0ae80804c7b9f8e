import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { OPEN_DISPOSITION, type DispositionStatus } from '../../workflows/incoming-letter-types';

export interface DispositionPerson {
  id: number;
  name: string;
  position: string;
}

export interface DispositionNode {
  id: number;
  parentId: number | null;
  from: DispositionPerson;
  to: DispositionPerson;
  instruction: string;
  note: string | null;
  dueAt: Date | null;
  status: DispositionStatus;
  readAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  /** Still open and past its due time. */
  overdue: boolean;
  followUp: { report: string; createdAt: Date; files: { fileId: number; name: string }[] } | null;
  /** Its forwards, in creation order. */
  children: DispositionNode[];
}

/**
 * Every disposition of an incoming letter as a tree (roots: those from the letter itself), each with
 * giver, receiver, status and times, its follow-up report and files, in creation order. Access is the
 * caller's check.
 */
export async function loadDispositionTree(
  db: Knex,
  incomingId: number,
  now: Date = new Date(),
): Promise<DispositionNode[]> {
  const rows = await db('dispositions as d')
    .join('users as giver', 'giver.id', 'd.from_user_id')
    .join('users as receiver', 'receiver.id', 'd.to_user_id')
    .leftJoin('disposition_follow_ups as f', 'f.disposition_id', 'd.id')
    .where('d.incoming_letter_id', incomingId)
    .orderBy('d.id')
    .select(
      'd.*',
      'giver.name as from_name',
      'giver.position as from_position',
      'receiver.name as to_name',
      'receiver.position as to_position',
      'f.id as follow_up_id',
      'f.report',
      'f.created_at as follow_up_at',
    );
  const followUpIds = rows.filter((r) => r.follow_up_id !== null).map((r) => Number(r.follow_up_id));
  const files = followUpIds.length
    ? await db('follow_up_files').whereIn('follow_up_id', followUpIds).orderBy('id').select('*')
    : [];
  const nodes = new Map<number, DispositionNode>();
  const roots: DispositionNode[] = [];
  for (const r of rows) {
    const dueAt = toDate(r.due_at);
    const node: DispositionNode = {
      id: Number(r.id),
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      from: { id: Number(r.from_user_id), name: r.from_name, position: r.from_position },
      to: { id: Number(r.to_user_id), name: r.to_name, position: r.to_position },
      instruction: r.instruction,
      note: r.note ?? null,
      dueAt,
      status: r.status,
      readAt: toDate(r.read_at),
      finishedAt: toDate(r.finished_at),
      createdAt: toDate(r.created_at)!,
      overdue: dueAt !== null && OPEN_DISPOSITION.includes(r.status) && dueAt < now,
      followUp:
        r.follow_up_id === null
          ? null
          : {
              report: r.report,
              createdAt: toDate(r.follow_up_at)!,
              files: files
                .filter((f) => Number(f.follow_up_id) === Number(r.follow_up_id))
                .map((f) => ({ fileId: Number(f.file_id), name: f.original_name })),
            },
      children: [],
    };
    nodes.set(node.id, node);
    // Ids grow with creation, so a parent is always placed before its children.
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

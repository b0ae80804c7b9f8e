import type { Knex } from 'knex';
import { countUpTo } from '../db/count-up-to';
import { toDate } from '../db/to-date';
import type { Actor } from '../rbac/policy';
import type { LetterStatus } from '../../workflows/outgoing-letter-types';

export const LETTER_BOXES = ['drafts', 'sent', 'archive'] as const;
export type LetterBox = (typeof LETTER_BOXES)[number];

export interface ListLettersQuery {
  box: LetterBox;
  /** Searched in the subject and the number. */
  q?: string;
  page: number;
  pageSize: number;
}

export interface LetterListItem {
  id: number;
  subject: string;
  kind: string;
  status: LetterStatus;
  number: string | null;
  updatedAt: Date;
}

/** Signed letters are out for delivery ('sending') or delivered ('sent'): either way, no longer drafts. */
const SENT: LetterStatus[] = ['sending', 'sent'];
const CLOSED: LetterStatus[] = [...SENT, 'withdrawn'];

/** `%` and `_` typed by the user match themselves; '!' escapes them the same way on SQLite and MariaDB. */
const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;

/**
 * One page of a letter box, newest first:
 * - drafts: letters the actor drafted that are not yet sent or withdrawn (in any step before sending);
 * - sent: letters the actor drafted that were signed and sent;
 * - archive: sent or withdrawn letters of the actor's OPD for its admin_opd (of every OPD for a
 *   superadmin); for anyone else only the ones they drafted.
 * Never another OPD's letters, except for a superadmin.
 */
export async function listLetters(
  db: Knex,
  actor: Actor,
  query: ListLettersQuery,
): Promise<{
  items: LetterListItem[];
  /** Exact unless `totalCapped`: then there are more than `total` letters (see countUpTo). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}> {
  const base = db('letters');
  if (query.box === 'drafts') {
    base.where('drafter_id', actor.id).whereNotIn('status', CLOSED);
  } else if (query.box === 'sent') {
    base.where('drafter_id', actor.id).whereIn('status', SENT);
  } else {
    base.whereIn('status', CLOSED);
    if (actor.roles.includes('superadmin')) {
      // every OPD
    } else if (actor.roles.includes('admin_opd') && actor.opdId !== null) {
      base.where('opd_id', actor.opdId);
    } else {
      base.where('drafter_id', actor.id);
    }
  }
  const q = query.q?.trim();
  if (q) {
    const like = likePattern(q);
    base.where((w) =>
      w.whereRaw("subject like ? escape '!'", [like]).orWhereRaw("number like ? escape '!'", [like]),
    );
  }
  const { total, capped } = await countUpTo(db, base, query);
  const rows = await base
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('id', 'subject', 'kind', 'status', 'number', 'updated_at');
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      subject: r.subject,
      kind: r.kind,
      status: r.status,
      number: r.number ?? null,
      updatedAt: toDate(r.updated_at)!,
    })),
    total,
    totalCapped: capped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

import type { Knex } from 'knex';
import { fromUsingIndex } from '../db/from-using-index';
import { toDate } from '../db/to-date';
import { ForbiddenError } from '../errors';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';
import {
  OPEN_DISPOSITION,
  type DispositionStatus,
  type IncomingStatus,
} from '../../workflows/incoming-letter-types';

export const INCOMING_BOXES = ['opd', 'mine'] as const;
export type IncomingBox = (typeof INCOMING_BOXES)[number];

export interface ListIncomingQuery {
  /** opd: the OPD's incoming letters (bagian umum); mine: those dispositioned to the actor. */
  box: IncomingBox;
  /** Searched in the subject, the number, the sender and the agenda number. */
  q?: string;
  status?: IncomingStatus;
  page: number;
  pageSize: number;
}

export interface IncomingListItem {
  id: number;
  agendaNumber: string | null;
  number: string;
  subject: string;
  senderName: string;
  /** yyyy-mm-dd */
  letterDate: string;
  receivedAt: Date | null;
  status: IncomingStatus;
  source: 'delivery' | 'paper';
  sifat: string;
  urgency: string;
  /** Box 'mine': the actor's latest disposition of the letter. */
  disposition?: {
    id: number;
    status: DispositionStatus;
    instruction: string;
    dueAt: Date | null;
    overdue: boolean;
  };
}

/** `%` and `_` typed by the user match themselves; '!' escapes them the same way on SQLite and MariaDB. */
const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;

const SEARCHED = ['subject', 'number', 'sender_name', 'agenda_number'].map((c) => `incoming_letters.${c}`);

/**
 * One page of incoming letters, newest received first. 'opd' is for the bagian umum (admin_opd) only:
 * every letter of their OPD. 'mine': the letters with a disposition to the actor that was not recalled,
 * each with the actor's latest one of them.
 */
export async function listIncoming(
  db: Knex,
  actor: Actor,
  query: ListIncomingQuery,
  now: Date = new Date(),
): Promise<{ items: IncomingListItem[]; total: number; page: number; pageSize: number }> {
  // A person's letters are scattered over years: MariaDB orders them from the narrow (id, dates) index.
  const base =
    query.box === 'mine'
      ? fromUsingIndex(db, 'incoming_letters', 'incoming_letters', 'incoming_letters_id_dates_opd_index')
      : db('incoming_letters');
  let mine: Knex.QueryBuilder | null = null;
  if (query.box === 'opd') {
    if (!actor.roles.includes('admin_opd') || actor.opdId === null) {
      throw new ForbiddenError('Hanya admin OPD (bagian umum) yang dapat melihat semua surat masuk OPD.');
    }
    base.where('incoming_letters.opd_id', actor.opdId);
  } else {
    // With those of the officials the actor stands in for as Plt / Plh.
    mine = db('dispositions')
      .whereIn('to_user_id', await peopleActedFor(db, actor.id, now))
      .whereNot('status', 'recalled');
    const latest = mine
      .clone()
      .groupBy('incoming_letter_id')
      .select('incoming_letter_id')
      .max({ latest_id: 'id' })
      .as('mine');
    base.join(latest, 'mine.incoming_letter_id', 'incoming_letters.id');
  }
  if (query.status) base.where('incoming_letters.status', query.status);
  const q = query.q?.trim();
  if (q) {
    const like = likePattern(q);
    base.where((w) => {
      for (const column of SEARCHED) w.orWhereRaw(`${column} like ? escape '!'`, [like]);
    });
  }
  // Unfiltered, 'mine' counts the actor's letters from the dispositions index alone: every disposition
  // belongs to an incoming letter, so joining the letters (one random read each) changes nothing.
  const [{ total }] =
    mine && !query.status && !q
      ? await mine.countDistinct({ total: 'incoming_letter_id' })
      : await base.clone().count({ total: '*' });
  // Which letters are on the page first; then only those rows (and their dispositions) are read whole.
  const onPage = base
    .orderBy('incoming_letters.received_at', 'desc')
    .orderBy('incoming_letters.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('incoming_letters.id', 'incoming_letters.received_at', ...(mine ? ['mine.latest_id'] : []));
  const page = db
    .from(onPage.as('p'))
    .join('incoming_letters as i', 'i.id', 'p.id')
    .orderBy('p.received_at', 'desc')
    .orderBy('p.id', 'desc')
    .select('i.*');
  if (mine) {
    page
      .join('dispositions as d', 'd.id', 'p.latest_id')
      .select(
        'd.id as d_id',
        'd.status as d_status',
        'd.instruction as d_instruction',
        'd.due_at as d_due_at',
      );
  }
  const rows = await page;
  return {
    items: rows.map((r) => {
      const item: IncomingListItem = {
        id: Number(r.id),
        agendaNumber: r.agenda_number ?? null,
        number: r.number,
        subject: r.subject,
        senderName: r.sender_name,
        letterDate: r.letter_date,
        receivedAt: toDate(r.received_at),
        status: r.status,
        source: r.source,
        sifat: r.sifat,
        urgency: r.urgency,
      };
      if (query.box === 'mine') {
        const dueAt = toDate(r.d_due_at);
        item.disposition = {
          id: Number(r.d_id),
          status: r.d_status,
          instruction: r.d_instruction,
          dueAt,
          overdue: dueAt !== null && OPEN_DISPOSITION.includes(r.d_status) && dueAt < now,
        };
      }
      return item;
    }),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

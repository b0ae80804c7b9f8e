import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface AgendaFeedStatus {
  active: boolean;
  /** When the current address was made; null without one. The address itself is never kept. */
  createdAt: Date | null;
}

/** Whether a person has a calendar feed address, and since when. */
export async function findAgendaFeed(db: Knex, userId: number): Promise<AgendaFeedStatus> {
  const row = await db('agenda_feed_tokens').where({ user_id: userId }).first('created_at');
  return { active: row !== undefined, createdAt: row ? toDate(row.created_at) : null };
}

import type { Knex } from 'knex';
import { OPEN_DISPOSITION } from '../../workflows/incoming-letter-types';
import type { DispositionRow } from './incoming-rows';
import { peopleActedFor } from '../delegation/people-acted-for';

/**
 * The user's dispositions of a letter still waiting for them (unread, read, forwarded), newest first,
 * with those of the officials they stand in for as Plt / Plh.
 */
export async function listOpenDispositions(
  db: Knex,
  incomingId: number,
  userId: number,
): Promise<DispositionRow[]> {
  return db('dispositions')
    .where({ incoming_letter_id: incomingId })
    .whereIn('to_user_id', await peopleActedFor(db, userId))
    .whereIn('status', OPEN_DISPOSITION)
    .orderBy('id', 'desc');
}

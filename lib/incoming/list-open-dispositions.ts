import type { Knex } from 'knex';
import { OPEN_DISPOSITION } from '../../workflows/incoming-letter-types';
import type { DispositionRow } from './incoming-rows';

/** The user's dispositions of a letter still waiting for them (unread, read, forwarded), newest first. */
export async function listOpenDispositions(
  db: Knex,
  incomingId: number,
  userId: number,
): Promise<DispositionRow[]> {
  return db('dispositions')
    .where({ incoming_letter_id: incomingId, to_user_id: userId })
    .whereIn('status', OPEN_DISPOSITION)
    .orderBy('id', 'desc');
}

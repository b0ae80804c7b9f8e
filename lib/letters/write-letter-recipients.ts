import type { Knex } from 'knex';
import type { LetterContent } from '../../workflows/outgoing-letter-types';

/** Replaces a letter's recipients (to) and tembusan (cc) with those of its content. */
export async function writeLetterRecipients(
  trx: Knex.Transaction,
  letterId: number,
  content: Pick<LetterContent, 'recipientOpdIds' | 'ccOpdIds'>,
): Promise<void> {
  // Deleted by primary key: a range delete on letter_id takes a gap lock in MariaDB, and two letters
  // created at once then deadlock on the gap they both insert into.
  const existing = await trx('letter_recipients').where({ letter_id: letterId }).pluck('id');
  if (existing.length) await trx('letter_recipients').whereIn('id', existing).delete();
  const rows = [
    ...content.recipientOpdIds.map((opdId) => ({ letter_id: letterId, opd_id: opdId, kind: 'to' })),
    ...content.ccOpdIds.map((opdId) => ({ letter_id: letterId, opd_id: opdId, kind: 'cc' })),
  ];
  if (rows.length) await trx('letter_recipients').insert(rows);
}

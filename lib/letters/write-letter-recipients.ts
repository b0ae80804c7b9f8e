import type { Knex } from 'knex';
import type { LetterContent } from '../../workflows/outgoing-letter-types';

/** Replaces a letter's recipients (to) and tembusan (cc) with those of its content. */
export async function writeLetterRecipients(
  trx: Knex.Transaction,
  letterId: number,
  content: Pick<LetterContent, 'recipientOpdIds' | 'ccOpdIds'>,
): Promise<void> {
  await trx('letter_recipients').where({ letter_id: letterId }).delete();
  const rows = [
    ...content.recipientOpdIds.map((opdId) => ({ letter_id: letterId, opd_id: opdId, kind: 'to' })),
    ...content.ccOpdIds.map((opdId) => ({ letter_id: letterId, opd_id: opdId, kind: 'cc' })),
  ];
  if (rows.length) await trx('letter_recipients').insert(rows);
}

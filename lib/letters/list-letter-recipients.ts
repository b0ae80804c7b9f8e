import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

export interface LetterRecipient {
  opdId: number;
  name: string;
  kind: 'to' | 'cc';
  /** The recipient OPD's incoming letter status; null until delivered. */
  incomingStatus: string | null;
  receivedAt: Date | null;
}

/** A letter's recipient and tembusan OPDs in the order chosen, with each one's delivery progress. */
export async function listLetterRecipients(db: Knex, letterId: number): Promise<LetterRecipient[]> {
  const rows = await db('letter_recipients')
    .join('opd', 'opd.id', 'letter_recipients.opd_id')
    .leftJoin('incoming_letters', function () {
      this.on('incoming_letters.letter_id', 'letter_recipients.letter_id').andOn(
        'incoming_letters.opd_id',
        'letter_recipients.opd_id',
      );
    })
    .where('letter_recipients.letter_id', letterId)
    .orderBy('letter_recipients.id')
    .select(
      'opd.id as opd_id',
      'opd.name',
      'letter_recipients.kind',
      'incoming_letters.status as incoming_status',
      'incoming_letters.created_at as received_at',
    );
  return rows.map((r) => ({
    opdId: Number(r.opd_id),
    name: r.name,
    kind: r.kind,
    incomingStatus: r.incoming_status ?? null,
    receivedAt: toDate(r.received_at),
  }));
}

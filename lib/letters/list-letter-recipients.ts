import type { Knex } from 'knex';
import { toDate } from '../db/to-date';

/** How far a recipient OPD has got with the letter, as the sender sees it. */
export type RecipientProgress = 'received' | 'read' | 'dispositioned' | 'finished';

export interface LetterRecipient {
  opdId: number;
  name: string;
  kind: 'to' | 'cc';
  /** The recipient OPD's incoming letter status; null until delivered. */
  incomingStatus: string | null;
  receivedAt: Date | null;
  /** Null until delivered. */
  progress: RecipientProgress | null;
}

function progressOf(status: string | null, readAt: unknown, dispositions: number): RecipientProgress | null {
  if (status === null) return null;
  if (status === 'closed') return 'finished';
  if (status === 'in_progress' || dispositions > 0) return 'dispositioned';
  if (status === 'registered' || readAt !== null) return 'read';
  return 'received';
}

/** A letter's recipient and tembusan OPDs in the order chosen, with each one's delivery progress. */
export async function listLetterRecipients(db: Knex, letterId: number): Promise<LetterRecipient[]> {
  const dispositions = db('dispositions')
    .whereRaw('dispositions.incoming_letter_id = incoming_letters.id')
    .whereNot('dispositions.status', 'recalled')
    .count('*')
    .as('dispositions');
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
      'incoming_letters.read_at',
      dispositions,
    );
  return rows.map((r) => ({
    opdId: Number(r.opd_id),
    name: r.name,
    kind: r.kind,
    incomingStatus: r.incoming_status ?? null,
    receivedAt: toDate(r.received_at),
    progress: progressOf(r.incoming_status ?? null, r.read_at ?? null, Number(r.dispositions)),
  }));
}

import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { NotFoundError } from '../errors';
import { OPEN_DISPOSITION } from '../../workflows/incoming-letter-types';

export interface CloseIncomingInput {
  incomingId: number;
  /** Null when the letter closed by itself (every branch finished). */
  actorId: number | null;
  note?: string;
}

/**
 * Closes an incoming letter for its OPD: status 'closed' with when, by whom and why, every disposition
 * still open 'closed' too, and the audit row, in one transaction. A closed letter stays as it was.
 */
export async function closeIncoming(db: Knex, input: CloseIncomingInput): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('incoming_letters').where({ id: input.incomingId }).forUpdate().first();
    if (!row) throw new NotFoundError('Surat masuk tidak ditemukan.');
    if (row.status === 'closed') return;
    const now = new Date();
    const note = input.note?.trim() || null;
    await trx('incoming_letters').where({ id: input.incomingId }).update({
      status: 'closed',
      closed_at: now,
      closed_by: input.actorId,
      close_note: note,
      updated_at: now,
    });
    const closedDispositions = await trx('dispositions')
      .where({ incoming_letter_id: input.incomingId })
      .whereIn('status', OPEN_DISPOSITION)
      .update({ status: 'closed', finished_at: now });
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(row.opd_id),
      action: 'incoming.close',
      entityType: 'incoming_letter',
      entityId: input.incomingId,
      data: { from: row.status, note, closedDispositions },
    });
  });
}

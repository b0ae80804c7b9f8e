import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, NotFoundError } from '../errors';
import { INCOMING_REFUSAL, type DispositionStatus } from '../../workflows/incoming-letter-types';

export interface RecordDispositionStatusInput {
  dispositionId: number;
  actorId: number | null;
  status: 'read' | 'forwarded' | 'done' | 'recalled';
  /** The audit action, e.g. 'disposition.read'. */
  action: string;
  note?: string;
}

/**
 * The moves a disposition can make. 'forwarded' may fall back to 'read' (every forward recalled);
 * done and recalled are terminal; only an unread one can be recalled.
 */
const ALLOWED_FROM: Record<RecordDispositionStatusInput['status'], DispositionStatus[]> = {
  read: ['unread', 'forwarded'],
  forwarded: ['unread', 'read'],
  done: ['unread', 'read', 'forwarded'],
  recalled: ['unread'],
};

/**
 * Sets a disposition's status with the audit row: read_at the first time it is read (or acted on),
 * finished_at when done or recalled. The same status again changes nothing.
 */
export async function recordDispositionStatus(db: Knex, input: RecordDispositionStatusInput): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('dispositions').where({ id: input.dispositionId }).forUpdate().first();
    if (!row) throw new NotFoundError('Disposisi tidak ditemukan.');
    // 'closed' came with the letter's closing: a late record from its workflow changes nothing.
    if (row.status === input.status || row.status === 'closed') return;
    if (!ALLOWED_FROM[input.status].includes(row.status)) {
      throw new ConflictError(
        input.status === 'recalled' && ['read', 'forwarded'].includes(row.status)
          ? INCOMING_REFUSAL.alreadyRead
          : INCOMING_REFUSAL.dispositionFinished,
      );
    }
    const now = new Date();
    const finishes = input.status === 'done' || input.status === 'recalled';
    await trx('dispositions')
      .where({ id: input.dispositionId })
      .update({
        status: input.status,
        ...(input.status !== 'recalled' && row.read_at === null ? { read_at: now } : {}),
        ...(finishes ? { finished_at: now } : {}),
      });
    const letter = await trx('incoming_letters').where({ id: row.incoming_letter_id }).first('opd_id');
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(letter.opd_id),
      action: input.action,
      entityType: 'disposition',
      entityId: input.dispositionId,
      data: { from: row.status, to: input.status, note: input.note?.trim() || null },
    });
  });
}

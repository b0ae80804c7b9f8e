import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { NotFoundError } from '../errors';

export interface RecordIncomingStatusInput {
  incomingId: number;
  actorId: number | null;
  status: 'registered' | 'in_progress';
}

/**
 * Records where an incoming letter stands (dispositions under way, or none live any more) with the
 * audit row. The same status again changes nothing.
 */
export async function recordIncomingStatus(db: Knex, input: RecordIncomingStatusInput): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('incoming_letters').where({ id: input.incomingId }).forUpdate().first();
    if (!row) throw new NotFoundError('Surat masuk tidak ditemukan.');
    // A closed letter stays closed: a late record from a workflow racing the closing changes nothing.
    if (row.status === input.status || row.status === 'closed') return;
    await trx('incoming_letters')
      .where({ id: input.incomingId })
      .update({ status: input.status, updated_at: new Date() });
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(row.opd_id),
      action: 'incoming.status',
      entityType: 'incoming_letter',
      entityId: input.incomingId,
      data: { from: row.status, to: input.status },
    });
  });
}

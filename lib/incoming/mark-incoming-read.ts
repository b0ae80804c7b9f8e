import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';

/**
 * Records when the bagian umum first opened an incoming letter (the sender sees it as read), with the
 * audit row; later openings change nothing. Returns whether this was the first.
 */
export async function markIncomingRead(db: Knex, actorId: number, incomingId: number): Promise<boolean> {
  // Most openings are not the first: answer them without a write lock.
  const seen = await db('incoming_letters').where({ id: incomingId }).first('read_at');
  if (!seen || seen.read_at !== null) return false;
  return db.transaction(async (trx) => {
    const row = await trx('incoming_letters')
      .where({ id: incomingId })
      .forUpdate()
      .first('opd_id', 'read_at');
    if (!row || row.read_at !== null) return false;
    await trx('incoming_letters').where({ id: incomingId }).update({ read_at: new Date() });
    await appendAudit(trx, {
      actorId,
      opdId: Number(row.opd_id),
      action: 'incoming.read',
      entityType: 'incoming_letter',
      entityId: incomingId,
    });
    return true;
  });
}

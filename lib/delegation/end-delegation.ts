import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError, NotFoundError } from '../errors';
import type { Actor } from '../rbac/policy';
import { toDate } from '../db/to-date';
import { mayDelegateFor } from './may-delegate-for';

/** Ends a Plt / Plh before its time (or cancels one not yet begun); from then on tasks stay with the principal. */
export async function endDelegation(db: Knex, actor: Actor, delegationId: number, now = new Date()) {
  return db.transaction(async (trx) => {
    const row = await trx('delegations').where({ id: delegationId }).forUpdate().first();
    if (!row) throw new NotFoundError('Penunjukan Plt./Plh. tidak ditemukan.');
    const principal = await trx('users').where({ id: row.principal_id }).first('id', 'opd_id');
    const opdId = principal.opd_id === null ? null : Number(principal.opd_id);
    // Whoever may not manage it learns nothing about it.
    if (!mayDelegateFor(actor, { id: Number(principal.id), opdId }))
      throw new NotFoundError('Penunjukan Plt./Plh. tidak ditemukan.');
    if (row.ended_at !== null || toDate(row.ends_at)!.getTime() <= now.getTime())
      throw new ConflictError('Penunjukan ini sudah berakhir.');
    await trx('delegations').where({ id: delegationId }).update({ ended_at: now, ended_by: actor.id });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId,
      action: 'delegation.end',
      entityType: 'delegation',
      entityId: delegationId,
      data: { principalId: Number(row.principal_id), actingId: Number(row.acting_id) },
    });
  });
}

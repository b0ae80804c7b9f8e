import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';

/** Marks some (or, without ids, all) of one person's unread notifications read; returns how many. */
export async function markNotificationsRead(db: Knex, userId: number, ids?: number[]): Promise<number> {
  return db.transaction(async (trx) => {
    const q = trx('notifications').where({ user_id: userId }).whereNull('read_at');
    if (ids) q.whereIn('id', ids);
    const changed = await q.update({ read_at: new Date() });
    if (changed) {
      await appendAudit(trx, {
        actorId: userId,
        action: 'notification.read',
        entityType: 'user',
        entityId: userId,
        data: { count: changed, ids: ids ?? 'all' },
      });
    }
    return changed;
  });
}

import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';

/**
 * Revokes a person's calendar feed address (its calendar apps get 404 from then on), with the audit
 * row in the same transaction. Answers whether there was one; revoking none changes nothing.
 */
export async function revokeAgendaFeedToken(
  db: Knex,
  user: { id: number; opdId: number | null },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const removed = await trx('agenda_feed_tokens').where({ user_id: user.id }).delete();
    if (!removed) return false;
    await appendAudit(trx, {
      actorId: user.id,
      opdId: user.opdId,
      action: 'agenda.feed_revoke',
      entityType: 'user',
      entityId: user.id,
    });
    return true;
  });
}

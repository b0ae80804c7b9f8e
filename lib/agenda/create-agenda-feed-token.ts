import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { hashToken, newSecretToken } from '../auth/secret-token';

/**
 * Makes a person's new calendar feed token, replacing (so revoking) the one they had, with the audit
 * row in the same transaction. Only its SHA-256 is stored: the token is returned once, to be shown.
 */
export async function createAgendaFeedToken(
  db: Knex,
  user: { id: number; opdId: number | null },
): Promise<{ token: string; createdAt: Date }> {
  const token = newSecretToken();
  const createdAt = new Date();
  await db.transaction(async (trx) => {
    // Two requests at once take turns, so the second replaces the first instead of colliding with it.
    await trx('users').where({ id: user.id }).forUpdate().first('id');
    const replaced = await trx('agenda_feed_tokens').where({ user_id: user.id }).delete();
    await trx('agenda_feed_tokens').insert({
      user_id: user.id,
      token_hash: hashToken(token),
      created_at: createdAt,
    });
    await appendAudit(trx, {
      actorId: user.id,
      opdId: user.opdId,
      action: 'agenda.feed_create',
      entityType: 'user',
      entityId: user.id,
      data: { replaced: replaced > 0 },
    });
  });
  return { token, createdAt };
}

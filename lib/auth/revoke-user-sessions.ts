import type { Knex } from 'knex';

/**
 * Ends every browser session and API token of a user at once (except `keepSessionId`, the caller's own
 * session when they change their own password). Returns how many were ended.
 */
export async function revokeUserSessions(
  trx: Knex.Transaction,
  userId: number,
  keepSessionId?: string,
): Promise<number> {
  const q = trx('auth_sessions').where({ user_id: userId });
  if (keepSessionId) q.whereNot({ id: keepSessionId });
  return q.delete();
}

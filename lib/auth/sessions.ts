import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { appendAudit } from '../audit/append-audit';
import { hashToken, newSecretToken } from './secret-token';

export type SessionKind = 'browser' | 'api';

export interface NewSession {
  token: string;
  csrfToken: string | null;
  expiresAt: Date;
}

export interface SessionRow {
  id: string;
  userId: number;
  kind: SessionKind;
  csrfToken: string | null;
  expiresAt: Date;
}

interface SessionMeta {
  ip?: string;
  userAgent?: string;
}

export async function createSession(
  trx: Knex.Transaction,
  userId: number,
  kind: SessionKind,
  ttlHours: number,
  meta: SessionMeta = {},
): Promise<NewSession> {
  const token = newSecretToken();
  const csrfToken = kind === 'browser' ? newSecretToken() : null;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await trx('auth_sessions').insert({
    id: hashToken(token),
    user_id: userId,
    kind,
    csrf_token: csrfToken,
    ip: (meta.ip ?? '').slice(0, 64),
    user_agent: (meta.userAgent ?? '').slice(0, 300),
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Knex, token: string, kind: SessionKind): Promise<SessionRow | null> {
  const row = await db('auth_sessions')
    .where({ id: hashToken(token), kind })
    .first();
  if (!row) return null;
  const expiresAt = toDate(row.expires_at) as Date;
  if (expiresAt.getTime() <= Date.now()) {
    await db('auth_sessions').where({ id: row.id }).delete();
    return null;
  }
  return { id: row.id, userId: Number(row.user_id), kind: row.kind, csrfToken: row.csrf_token, expiresAt };
}

export async function revokeSession(db: Knex, session: SessionRow): Promise<void> {
  await db.transaction(async (trx) => {
    const deleted = await trx('auth_sessions').where({ id: session.id }).delete();
    if (deleted) {
      await appendAudit(trx, {
        actorId: session.userId,
        action: 'auth.logout',
        entityType: 'user',
        entityId: session.userId,
        data: { kind: session.kind },
      });
    }
  });
}

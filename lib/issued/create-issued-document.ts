import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';

export interface NewIssuedDocument {
  letterId?: number | null;
  opdId: number;
  kind: string;
  subject: string;
  number?: string | null;
  date?: string | null;
  sifat: string;
  actorId: number | null;
}

/** 20 characters of base32: short enough for a QR code, far too many to guess. */
function verificationCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Registers a document before it is rendered for signing, so its verification code (printed in the QR)
 * exists first.
 */
export async function createIssuedDocument(
  db: Knex,
  input: NewIssuedDocument,
): Promise<{ id: number; code: string }> {
  const code = verificationCode();
  const now = new Date();
  return db.transaction(async (trx) => {
    const [id] = await trx('documents').insert({
      code,
      letter_id: input.letterId ?? null,
      opd_id: input.opdId,
      kind: input.kind,
      subject: input.subject,
      number: input.number ?? null,
      document_date: input.date ?? null,
      sifat: input.sifat,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: input.opdId,
      action: 'document.create',
      entityType: 'document',
      entityId: id,
      data: { code, letterId: input.letterId ?? null, number: input.number ?? null },
    });
    return { id: Number(id), code };
  });
}

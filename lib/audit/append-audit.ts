import type { Knex } from 'knex';
import { hashAuditEntry } from './hash-audit-entry';

export interface AuditInput {
  actorId: number | null;
  opdId?: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
}

/**
 * Appends one row to the hash chain. Call it inside the transaction that makes the change it records;
 * the audit_head row lock makes concurrent appends take turns.
 */
export async function appendAudit(trx: Knex.Transaction, input: AuditInput): Promise<number> {
  const head = await trx('audit_head').where({ id: 1 }).forUpdate().first();
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const fields = {
    id: Number(head.last_id) + 1,
    occurredAt: new Date(),
    actorId: input.actorId,
    opdId: input.opdId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    data: JSON.stringify(input.data ?? {}),
    prevHash: head.last_hash as string,
  };
  const hash = hashAuditEntry(fields);
  await trx('audit_log').insert({
    id: fields.id,
    occurred_at: fields.occurredAt,
    actor_id: fields.actorId,
    opd_id: fields.opdId,
    action: fields.action,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    data: fields.data,
    prev_hash: fields.prevHash,
    hash,
  });
  await trx('audit_head').where({ id: 1 }).update({ last_id: fields.id, last_hash: hash });
  return fields.id;
}

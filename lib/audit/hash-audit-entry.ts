import { createHash } from 'node:crypto';

export interface AuditFields {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  opdId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** JSON text exactly as stored. */
  data: string;
  prevHash: string;
}

/** SHA-256 over a fixed-order JSON of the row, so any edited column changes the hash. */
export function hashAuditEntry(f: AuditFields): string {
  const canonical = JSON.stringify([
    f.id,
    f.occurredAt.toISOString(),
    f.actorId,
    f.opdId,
    f.action,
    f.entityType,
    f.entityId,
    f.data,
    f.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { hashAuditEntry } from './hash-audit-entry';

export type AuditChainResult =
  { ok: true; checked: number } | { ok: false; checked: number; badId: number; reason: string };

const GENESIS = '0'.repeat(64);

/** Walks the whole chain in id order and names the first row that was altered, removed or reordered. */
export async function verifyAuditChain(db: Knex, batchSize = 1000): Promise<AuditChainResult> {
  let expectedId = 1;
  let prevHash = GENESIS;
  for (;;) {
    const rows = await db('audit_log').where('id', '>=', expectedId).orderBy('id').limit(batchSize);
    for (const row of rows) {
      const id = Number(row.id);
      const checked = expectedId - 1;
      if (id !== expectedId) return { ok: false, checked, badId: expectedId, reason: 'baris hilang' };
      if (row.prev_hash !== prevHash)
        return { ok: false, checked, badId: id, reason: 'rantai hash terputus' };
      const hash = hashAuditEntry({
        id,
        occurredAt: toDate(row.occurred_at) as Date,
        actorId: row.actor_id === null ? null : Number(row.actor_id),
        opdId: row.opd_id === null ? null : Number(row.opd_id),
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        data: row.data,
        prevHash: row.prev_hash,
      });
      if (hash !== row.hash) return { ok: false, checked, badId: id, reason: 'isi baris diubah' };
      prevHash = hash;
      expectedId = id + 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db('audit_head').where({ id: 1 }).first();
  const checked = expectedId - 1;
  if (head && Number(head.last_id) !== checked) {
    return { ok: false, checked, badId: checked + 1, reason: 'baris terakhir hilang' };
  }
  return { ok: true, checked };
}

import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { formatWibTime } from './format-wib-time';
import { verifyAuditChain } from './verify-audit-chain';

export interface AuditRowRef {
  id: number;
  occurredAt: Date;
  action: string;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  /** The first row that fails, when the chain is broken. */
  badId?: number;
  reason?: string;
  /** The failing row as stored, or (when it is missing) the row before the gap. */
  row?: AuditRowRef | null;
  /** One Indonesian sentence for the page, the API and the CLI. */
  message: string;
}

const describe = (r: AuditRowRef) => `${formatWibTime(r.occurredAt)}, ${r.action}`;

async function rowRef(db: Knex, id: number): Promise<AuditRowRef | null> {
  const row = await db('audit_log').where({ id }).first('id', 'occurred_at', 'action');
  return row ? { id: Number(row.id), occurredAt: toDate(row.occurred_at)!, action: row.action } : null;
}

/** Verifies the hash chain and names the first altered, missing or out-of-order row in words. */
export async function checkAuditChain(db: Knex): Promise<AuditChainReport> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    return { ...result, message: `Rantai audit utuh: ${result.checked} baris diperiksa.` };
  }
  const { badId, reason, checked } = result;
  const bad = await rowRef(db, badId);
  if (bad) {
    return {
      ...result,
      row: bad,
      message: `Rantai audit rusak pada baris #${badId} (${describe(bad)}): ${reason}. ${checked} baris sebelumnya utuh.`,
    };
  }
  const before = await rowRef(db, badId - 1);
  return {
    ...result,
    row: before,
    message:
      `Rantai audit rusak pada baris #${badId}: ${reason}` +
      `${before ? ` (sesudah baris #${before.id}, ${describe(before)})` : ''}. ${checked} baris sebelumnya utuh.`,
  };
}

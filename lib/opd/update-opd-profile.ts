import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ForbiddenError } from '../errors';
import type { Actor } from '../rbac/policy';
import { indexArchiveText } from '../search/index-archive-text';
import type { OpdPatchInput } from './opd-input';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

const COLUMNS = {
  name: 'name',
  shortName: 'short_name',
  address: 'address',
  phone: 'phone',
  email: 'email',
  website: 'website',
  active: 'active',
} as const;

/**
 * Changes an OPD's kop surat data and, for a superadmin only, whether it is active (an inactive OPD
 * leaves the recipient choices; it is never deleted). Only the fields that really change are written,
 * with one audit row listing them, in one transaction; nothing to change writes nothing.
 */
export async function updateOpdProfile(
  db: Knex,
  input: { actor: Actor; opdId: number; patch: OpdPatchInput },
): Promise<{ changed: string[] }> {
  const { actor, opdId, patch } = input;
  if (patch.active !== undefined && !actor.roles.includes('superadmin')) {
    throw new ForbiddenError('Hanya Super Admin yang dapat mengaktifkan atau menonaktifkan OPD.');
  }
  return transactionRetryingDeadlocks(db, async (trx) => {
    const row = await trx('opd').where({ id: opdId }).forUpdate().first();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, column] of Object.entries(COLUMNS) as [keyof OpdPatchInput, string][]) {
      const to = patch[field];
      const from = field === 'active' ? Boolean(row[column]) : row[column];
      if (to !== undefined && to !== from) changes[field] = { from, to };
    }
    const changed = Object.keys(changes);
    if (!changed.length) return { changed };
    await trx('opd')
      .where({ id: opdId })
      .update({
        ...Object.fromEntries(changed.map((f) => [COLUMNS[f as keyof OpdPatchInput], changes[f].to])),
        updated_at: new Date(),
      });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId,
      action: 'opd.update',
      entityType: 'opd',
      entityId: opdId,
      data: { changes },
    });
    // Outgoing letters are found by their recipients' names as they are now.
    if (changes.name || changes.shortName) {
      const letters = await trx('letter_recipients').where({ opd_id: opdId }).pluck('letter_id');
      await indexArchiveText(trx, 'keluar', letters.map(Number));
    }
    return { changed };
  });
}

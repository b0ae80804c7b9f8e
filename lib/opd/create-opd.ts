import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ConflictError } from '../errors';
import { isUniqueViolation } from '../letters/is-unique-violation';
import type { NewOpdInput } from './opd-input';

const taken = (code: string) => new ConflictError(`Kode OPD ${code} sudah dipakai perangkat daerah lain.`);

/**
 * Adds an agency (superadmin): active, numbering and agenda with the default patterns, no logo and no
 * head yet. A code already in use (also by an inactive OPD) is refused; the row and its audit row are
 * one transaction.
 */
export async function createOpd(
  db: Knex,
  input: { actorId: number; opd: NewOpdInput },
): Promise<{ id: number }> {
  const { actorId, opd } = input;
  try {
    return await db.transaction(async (trx) => {
      if (await trx('opd').where({ code: opd.code }).first('id')) throw taken(opd.code);
      const now = new Date();
      const [id] = await trx('opd').insert({
        code: opd.code,
        name: opd.name,
        short_name: opd.shortName,
        address: opd.address,
        phone: opd.phone,
        email: opd.email,
        website: opd.website,
        active: true,
        created_at: now,
        updated_at: now,
      });
      await appendAudit(trx, {
        actorId,
        opdId: Number(id),
        action: 'opd.create',
        entityType: 'opd',
        entityId: Number(id),
        data: { ...opd },
      });
      return { id: Number(id) };
    });
  } catch (error) {
    // Two superadmins adding the same code at once: the unique key decides.
    if (isUniqueViolation(error)) throw taken(opd.code);
    throw error;
  }
}

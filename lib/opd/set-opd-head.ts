import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';

/**
 * Names the head of an OPD (kepala: who may close its incoming letters) among its active people, or
 * nobody (null). Someone from another OPD, inactive or unknown is refused and nothing changes.
 */
export async function setOpdHead(
  db: Knex,
  input: { actorId: number; opdId: number; userId: number | null },
): Promise<void> {
  const { actorId, opdId, userId } = input;
  await db.transaction(async (trx) => {
    if (userId !== null) {
      const person = await trx('users').where({ id: userId, opd_id: opdId, active: true }).first('id');
      if (!person) {
        throw new ValidationError('Kepala OPD harus dipilih dari pegawai aktif OPD ini.', {
          fields: [{ field: 'userId', message: 'bukan pegawai aktif OPD ini' }],
        });
      }
    }
    const row = await trx('opd').where({ id: opdId }).forUpdate().first('head_user_id');
    const from = row.head_user_id === null ? null : Number(row.head_user_id);
    if (from === userId) return;
    await trx('opd').where({ id: opdId }).update({ head_user_id: userId, updated_at: new Date() });
    await appendAudit(trx, {
      actorId,
      opdId,
      action: 'opd.head',
      entityType: 'opd',
      entityId: opdId,
      data: { from, to: userId },
    });
  });
}

import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { Opd } from '../models/opd';
import type { Actor } from '../rbac/policy';

/**
 * The OPD an administrator may manage: any for a superadmin, only their own for the bagian umum.
 * A foreign OPD reads as missing (404), so its existence is not revealed.
 */
export async function findOpdForAdmin(db: Knex, actor: Actor, rawId: unknown): Promise<Opd> {
  const missing = new NotFoundError('Perangkat daerah tidak ditemukan.');
  const id = Number(rawId);
  if (!/^[1-9]\d{0,9}$/.test(String(rawId))) throw missing;
  const mayManage =
    actor.roles.includes('superadmin') || (actor.roles.includes('admin_opd') && actor.opdId === id);
  if (!mayManage) throw missing;
  const opd = await Opd.query(db).findById(id);
  if (!opd) throw missing;
  return opd;
}

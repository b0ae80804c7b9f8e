import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import type { Actor } from '../rbac/policy';
import type { DispositionRow } from './incoming-rows';

/**
 * The disposition row if the actor is its receiver or its giver (or a superadmin); anyone else gets
 * the same NotFoundError as for a disposition that does not exist.
 */
export async function findDispositionForActor(
  db: Knex,
  actor: Actor,
  dispositionId: number,
): Promise<DispositionRow> {
  const missing = new NotFoundError('Disposisi tidak ditemukan.');
  if (!Number.isInteger(dispositionId) || dispositionId <= 0) throw missing;
  const row: DispositionRow | undefined = await db('dispositions').where({ id: dispositionId }).first();
  if (!row) throw missing;
  const involved = Number(row.to_user_id) === actor.id || Number(row.from_user_id) === actor.id;
  if (!involved && !actor.roles.includes('superadmin')) throw missing;
  return row;
}

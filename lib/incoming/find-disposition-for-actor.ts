import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { peopleActedFor } from '../delegation/people-acted-for';
import type { Actor } from '../rbac/policy';
import type { DispositionRow } from './incoming-rows';

/**
 * The disposition row if the actor is its receiver or its giver, stands in for one of them as Plt /
 * Plh, or is a superadmin; anyone else gets
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
  if (actor.roles.includes('superadmin')) return row;
  const people = await peopleActedFor(db, actor.id);
  if (!people.includes(Number(row.to_user_id)) && !people.includes(Number(row.from_user_id))) throw missing;
  return row;
}

import type { Knex } from 'knex';
import { inForce } from './in-force';

/** Who stands in for any of these officials right now: task notices go to them as well. */
export async function listActingOfficials(
  db: Knex,
  principalIds: number[],
  at: Date = new Date(),
): Promise<number[]> {
  if (!principalIds.length) return [];
  const ids = await inForce(db('delegations'), at)
    .whereIn('delegations.principal_id', principalIds)
    .pluck('acting_id');
  return [...new Set(ids.map(Number))];
}

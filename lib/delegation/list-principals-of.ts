import type { Knex } from 'knex';
import { inForce } from './in-force';

/** The officials `actingId` stands in for right now (as Plt or Plh): their tasks are also theirs. */
export async function listPrincipalsOf(db: Knex, actingId: number, at: Date = new Date()): Promise<number[]> {
  const ids = await inForce(db('delegations'), at)
    .where('delegations.acting_id', actingId)
    .pluck('principal_id');
  return [...new Set(ids.map(Number))];
}

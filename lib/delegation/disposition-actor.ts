import type { Knex } from 'knex';
import type { ActorArgs } from '../../workflows/incoming-letter-types';
import { findActingFor } from './find-acting-for';

/**
 * The arguments naming who acts on a disposition: the actor, plus the receiver (or else the giver) they
 * stand in for as Plt / Plh when it is not their own. The workflow judges the rest.
 */
export async function dispositionActor(db: Knex, actorId: number, dispositionId: number): Promise<ActorArgs> {
  const row = await db('dispositions').where({ id: dispositionId }).first('to_user_id', 'from_user_id');
  if (!row) return { actorId };
  const parties = [Number(row.to_user_id), Number(row.from_user_id)];
  if (parties.includes(actorId)) return { actorId };
  for (const principal of parties) {
    if (await findActingFor(db, actorId, principal)) return { actorId, onBehalfOf: principal };
  }
  return { actorId };
}

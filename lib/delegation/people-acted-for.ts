import type { Knex } from 'knex';
import { listPrincipalsOf } from './list-principals-of';

/** Whose part the actor may play right now: their own, and that of each official they stand in for. */
export async function peopleActedFor(db: Knex, actorId: number, at: Date = new Date()): Promise<number[]> {
  return [actorId, ...(await listPrincipalsOf(db, actorId, at))];
}

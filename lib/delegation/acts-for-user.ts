import type { Knex } from 'knex';
import { findActingFor } from './find-acting-for';

/**
 * Whether the actor may play `userId`'s part: they are that person, or they claim to act for them and a
 * Plt / Plh appointment in force says so. Activities re-check what the workflow accepted with it.
 */
export async function actsForUser(
  db: Knex,
  actor: { actorId: number; onBehalfOf?: number },
  userId: number,
): Promise<boolean> {
  if (actor.actorId === userId) return true;
  return actor.onBehalfOf === userId && (await findActingFor(db, actor.actorId, userId)) !== undefined;
}

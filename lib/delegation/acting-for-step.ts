import type { Knex } from 'knex';
import type { ActingFor } from '../../workflows/outgoing-letter-types';
import { findActingFor } from './find-acting-for';

/**
 * For an actor about to verify or sign a letter: the delegation that lets them do the open step of
 * someone else. Undefined when the step is their own, or when nobody named them (the workflow then
 * refuses as usual).
 */
export async function actingForStep(
  db: Knex,
  letterId: number,
  actorId: number,
  kind: 'verify' | 'sign',
): Promise<{ actingFor?: ActingFor }> {
  const step = await db('letter_steps')
    .where({ letter_id: letterId, kind, status: 'active' })
    .orderBy('seq', 'desc')
    .first('assignee_id');
  if (!step || step.assignee_id === null || Number(step.assignee_id) === actorId) return {};
  const actingFor = await findActingFor(db, actorId, Number(step.assignee_id));
  return actingFor ? { actingFor } : {};
}

import type { Knex } from 'knex';
import type { ActingFor } from '../../workflows/outgoing-letter-types';
import type { DelegationKind } from './delegation-kinds';
import { inForce } from './in-force';

/** The delegation in force that lets `actingId` act for `principalId` now, if there is one. */
export async function findActingFor(
  db: Knex,
  actingId: number,
  principalId: number,
  at: Date = new Date(),
): Promise<ActingFor | undefined> {
  if (actingId === principalId) return undefined;
  const row = await inForce(db('delegations'), at)
    .where({ 'delegations.acting_id': actingId, 'delegations.principal_id': principalId })
    .orderBy('delegations.id', 'desc')
    .first('id', 'kind');
  return row ? { delegationId: Number(row.id), principalId, kind: row.kind as DelegationKind } : undefined;
}

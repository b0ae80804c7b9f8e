import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';
import { DELEGABLE_ROLES } from './delegation-kinds';

export interface DelegationCandidate {
  id: number;
  name: string;
  position: string;
  opdName: string | null;
}

/**
 * The form's choices: whose work may pass (the actor themself, the OPD's officials for its bagian umum,
 * every official for a superadmin) and who may take it (active people holding a delegable role).
 * Only a choice: createDelegation checks every rule again.
 */
export async function listDelegationCandidates(
  db: Knex,
  actor: Actor,
): Promise<{ principals: DelegationCandidate[]; acting: DelegationCandidate[] }> {
  const officials = () =>
    db('users')
      .leftJoin('opd', 'opd.id', 'users.opd_id')
      .where('users.active', true)
      .whereExists((q) =>
        q
          .from('user_roles')
          .whereRaw('user_roles.user_id = users.id')
          .whereIn('role', [...DELEGABLE_ROLES]),
      )
      .orderBy('opd.name')
      .orderBy('users.name')
      .select('users.id', 'users.name', 'users.position', 'opd.name as opd_name');
  const principals = officials();
  if (!actor.roles.includes('superadmin')) {
    principals.where((w) => {
      w.where('users.id', actor.id);
      if (actor.roles.includes('admin_opd') && actor.opdId !== null) w.orWhere('users.opd_id', actor.opdId);
    });
  }
  const view = (r: { id: number; name: string; position: string; opd_name: string | null }) => ({
    id: Number(r.id),
    name: r.name,
    position: r.position,
    opdName: r.opd_name ?? null,
  });
  const [p, a] = await Promise.all([principals, officials()]);
  return { principals: p.map(view), acting: a.map(view) };
}

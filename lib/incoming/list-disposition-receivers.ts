import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';

export interface DispositionReceiver {
  id: number;
  name: string;
  position: string;
  /** A direct subordinate of the actor (their superior is the actor). */
  subordinate: boolean;
}

/**
 * Whom the actor can disposition a letter to: the active people of their own OPD but themselves, their
 * direct subordinates first, then everyone else, each group by name.
 */
export async function listDispositionReceivers(db: Knex, actor: Actor): Promise<DispositionReceiver[]> {
  if (actor.opdId === null) return [];
  const rows = await db('users')
    .where({ opd_id: actor.opdId, active: true })
    .whereNot('id', actor.id)
    .select('id', 'name', 'position', 'superior_id');
  return rows
    .map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      position: String(r.position),
      subordinate: r.superior_id !== null && Number(r.superior_id) === actor.id,
    }))
    .sort((a, b) => Number(b.subordinate) - Number(a.subordinate) || a.name.localeCompare(b.name, 'id'));
}

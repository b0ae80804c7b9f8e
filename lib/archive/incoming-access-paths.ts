import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';
import type { AccessPath } from './outgoing-access-paths';

/**
 * The incoming letters (`incoming_letters as i`) findIncomingForActor
 * (lib/incoming/find-incoming-for-actor.ts) lets the actor open, as separate paths whose union is that
 * set (see outgoingAccessPaths): a superadmin all; the bagian umum (admin_opd) their OPD's; anyone who
 * gave a disposition of the letter or received one not recalled. `datedOnly`: the search narrows by a
 * date range and not by OPD.
 */
export function incomingAccessPaths(db: Knex, actor: Actor, datedOnly: boolean): AccessPath[] {
  // As for outgoing letters (see outgoingAccessPaths).
  if (actor.roles.includes('superadmin'))
    return [
      {
        where: () => {},
        index: datedOnly ? 'incoming_letters_letter_date_received_at_index' : undefined,
        matchesIndex: 'incoming_letters_id_dates_index',
      },
    ];
  const dispositions = (where: (d: Knex.QueryBuilder) => void): AccessPath => {
    const ids = db('dispositions').select('incoming_letter_id as id');
    where(ids);
    return { ids, index: 'incoming_letters_id_dates_index' };
  };
  return [
    dispositions((d) => d.where('from_user_id', actor.id)),
    dispositions((d) => d.where('to_user_id', actor.id).whereNot('status', 'recalled')),
    ...(actor.roles.includes('admin_opd') && actor.opdId !== null
      ? [{ where: (q: Knex.QueryBuilder) => q.where('i.opd_id', actor.opdId), opdId: actor.opdId }]
      : []),
  ];
}

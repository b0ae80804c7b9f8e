import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';

/**
 * Limits a query over `incoming_letters as i` to the letters findIncomingForActor
 * (lib/incoming/find-incoming-for-actor.ts) lets the actor open: a superadmin all; the bagian umum
 * (admin_opd) their OPD's; anyone who gave a disposition of the letter or received one not recalled.
 */
export function restrictIncomingToActor(db: Knex, query: Knex.QueryBuilder, actor: Actor): void {
  if (actor.roles.includes('superadmin')) return;
  query.where((w) => {
    if (actor.roles.includes('admin_opd') && actor.opdId !== null) w.where('i.opd_id', actor.opdId);
    w.orWhereExists(
      db('dispositions as d')
        .whereRaw('d.incoming_letter_id = i.id')
        .where((p) =>
          p
            .where('d.from_user_id', actor.id)
            .orWhere((r) => r.where('d.to_user_id', actor.id).whereNot('d.status', 'recalled')),
        )
        .select('d.id'),
    );
  });
}

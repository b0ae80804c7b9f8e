import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';

/**
 * Limits a query over `letters as l` to the letters findLetterForActor (api/letter-access.ts) lets the
 * actor open: a superadmin all; otherwise the ones they drafted, verify or sign, and for the bagian
 * umum (admin_opd) every letter of their own OPD. The recipient OPD's admin sees a sent letter as its
 * incoming copy, so that case is left to the incoming side.
 */
export function restrictOutgoingToActor(db: Knex, query: Knex.QueryBuilder, actor: Actor): void {
  if (actor.roles.includes('superadmin')) return;
  query.where((w) => {
    w.where('l.drafter_id', actor.id)
      .orWhere('l.signer_id', actor.id)
      .orWhereExists(
        db('letter_steps as s')
          .whereRaw('s.letter_id = l.id')
          .where('s.assignee_id', actor.id)
          .select('s.id'),
      );
    if (actor.roles.includes('admin_opd') && actor.opdId !== null) w.orWhere('l.opd_id', actor.opdId);
  });
}

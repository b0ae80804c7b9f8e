import type { Knex } from 'knex';
import type { AgendaViewer } from './load-agenda-viewer';

/**
 * Narrows a query over `agenda_items as a` to what the viewer may see: items they are responsible
 * for, named on or created; their own division's items (a division is never ''); every item of an OPD
 * they head or administer; everything for a superadmin.
 */
export function restrictAgendaToViewer(db: Knex, query: Knex.QueryBuilder, viewer: AgendaViewer) {
  if (viewer.isSuperadmin) return query;
  const { actor } = viewer;
  return query.where((w) => {
    w.where('a.responsible_id', actor.id)
      .orWhere('a.created_by', actor.id)
      .orWhereExists(
        db('agenda_participants as p').whereRaw('p.agenda_item_id = a.id').where('p.user_id', actor.id),
      );
    if (viewer.opdWide.length) w.orWhereIn('a.opd_id', viewer.opdWide);
    if (actor.opdId !== null && viewer.unit !== '')
      w.orWhere((d) => d.where('a.opd_id', actor.opdId).where('a.unit', viewer.unit));
  });
}

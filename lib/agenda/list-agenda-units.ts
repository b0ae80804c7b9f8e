import type { Knex } from 'knex';
import type { AgendaViewer } from './load-agenda-viewer';

/**
 * The divisions the viewer may put an activity on, '' (the whole OPD, seen by its head, its admin and
 * the people named) first: every division of the OPD for its head, its admin_opd and superadmins; one's
 * own division otherwise.
 */
export async function listAgendaUnits(db: Knex, viewer: AgendaViewer, opdId: number): Promise<string[]> {
  if (!viewer.isSuperadmin && !viewer.opdWide.includes(opdId))
    return viewer.unit !== '' && viewer.actor.opdId === opdId ? ['', viewer.unit] : [''];
  const units: string[] = await db('users')
    .where({ opd_id: opdId, active: true })
    .whereNot('unit', '')
    .whereNotNull('unit')
    .distinct('unit')
    .orderBy('unit')
    .pluck('unit');
  return ['', ...units];
}

import type { AgendaViewer } from './load-agenda-viewer';

/** Only the responsible person, the creator, the OPD's head or admin_opd, or a superadmin changes an item. */
export function mayManageAgendaItem(
  viewer: AgendaViewer,
  item: { opdId: number; responsibleId: number; createdBy: number | null },
): boolean {
  const { actor } = viewer;
  return (
    viewer.isSuperadmin ||
    item.responsibleId === actor.id ||
    item.createdBy === actor.id ||
    viewer.opdWide.includes(item.opdId)
  );
}

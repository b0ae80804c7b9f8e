import type { Knex } from 'knex';
import { ConflictError, ForbiddenError } from '../errors';
import type { Actor } from '../rbac/policy';
import { AGENDA_REFUSAL } from '../../workflows/agenda-item-types';
import { findAgendaItemForActor } from './find-agenda-item-for-actor';

/** An item the actor may change and that is still planned: 404 unseen, 403 not theirs to change, 409 ended. */
export async function findOpenAgendaItem(db: Knex, actor: Actor, itemId: number) {
  const found = await findAgendaItemForActor(db, actor, itemId);
  if (!found.canManage)
    throw new ForbiddenError(
      'Hanya penanggung jawab, pembuat kegiatan, kepala atau admin OPD yang dapat mengubah kegiatan ini.',
    );
  if (found.item.status !== 'planned') throw new ConflictError(AGENDA_REFUSAL.ended);
  return found;
}

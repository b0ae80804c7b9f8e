import { ForbiddenError, ValidationError } from '../errors';
import type { Actor } from '../rbac/policy';
import type { AgendaItemInput } from './agenda-item-input';
import { createAgendaItem, type AgendaDeps } from './create-agenda-item';
import { listAgendaUnits } from './list-agenda-units';
import { loadAgendaViewer } from './load-agenda-viewer';
import { resolveAgendaLetter } from './resolve-agenda-letter';

/**
 * A person adds an activity by hand: on their own OPD (a superadmin's goes to the responsible person's
 * OPD), for a division they may plan for, responsible themselves unless they name someone.
 */
export async function planAgendaItem(deps: AgendaDeps, actor: Actor, input: AgendaItemInput) {
  const { db } = deps;
  const viewer = await loadAgendaViewer(db, actor);
  const responsibleId = input.responsibleId ?? actor.id;
  const responsible = await db('users').where({ id: responsibleId }).first('opd_id');
  const opdId = viewer.isSuperadmin && responsible ? Number(responsible.opd_id) : actor.opdId;
  if (opdId === null) throw new ForbiddenError('Akun Anda belum terdaftar pada OPD mana pun.');
  const unit = input.unit ?? viewer.unit;
  if (!(await listAgendaUnits(db, viewer, opdId)).includes(unit)) {
    const message = 'Anda hanya dapat mencatat kegiatan untuk bidang Anda sendiri.';
    throw new ValidationError(message, { fields: [{ field: 'unit', message }] });
  }
  const link = await resolveAgendaLetter(db, opdId, input.letter ?? '');
  return createAgendaItem(deps, {
    opdId,
    unit,
    title: input.title,
    place: input.place,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    targetOutput: input.targetOutput,
    responsibleId,
    participantIds: input.participantIds,
    kind: 'event',
    source: 'manual',
    ...(link.letterId !== null ? { letterId: link.letterId } : {}),
    ...(link.incomingLetterId !== null ? { incomingLetterId: link.incomingLetterId } : {}),
    createdBy: actor.id,
  });
}

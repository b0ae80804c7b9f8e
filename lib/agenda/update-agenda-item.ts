import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import type { Actor } from '../rbac/policy';
import { rescheduleAgendaWorkflow } from '../temporal/agenda-workflow-client';
import type { AgendaItemPatch } from './agenda-item-input';
import { checkAgendaItem } from './check-agenda-item';
import type { AgendaDeps } from './create-agenda-item';
import { findOpenAgendaItem } from './find-open-agenda-item';
import { listAgendaUnits } from './list-agenda-units';
import { lockPlannedAgendaItem } from './lock-planned-agenda-item';
import { resolveAgendaLetter } from './resolve-agenda-letter';

const sorted = (ids: number[]) => JSON.stringify([...ids].sort((x, y) => x - y));

/**
 * Changes a planned item (title, place, dates, target, responsible, participants, division, letter)
 * with the audit row naming what changed, in one transaction; then, if the dates moved, tells its
 * workflow so the reminders follow.
 */
export async function updateAgendaItem(
  deps: AgendaDeps,
  actor: Actor,
  itemId: number,
  patch: AgendaItemPatch,
) {
  const { db } = deps;
  const found = await findOpenAgendaItem(db, actor, itemId);
  const { item } = found;
  const before = {
    title: item.title,
    place: item.place,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    targetOutput: item.targetOutput,
    responsibleId: item.responsible.id,
    participantIds: found.participants.map((p) => p.id),
    unit: item.unit,
  };
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  if (
    after.unit !== item.unit &&
    !(await listAgendaUnits(db, found.viewer, item.opdId)).includes(after.unit)
  ) {
    const message = 'Anda hanya dapat memindahkan kegiatan ke bidang Anda sendiri.';
    throw new ValidationError(message, { fields: [{ field: 'unit', message }] });
  }
  const link =
    patch.letter === undefined
      ? { letterId: item.letterId, incomingLetterId: item.incomingLetterId }
      : await resolveAgendaLetter(db, item.opdId, patch.letter);
  const checked = await checkAgendaItem(db, {
    ...after,
    opdId: item.opdId,
    kind: item.kind,
  });
  const changed: string[] = (Object.keys(before) as (keyof typeof before)[]).filter((k) => {
    const [a, b] = [before[k], checked[k]];
    if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime();
    if (Array.isArray(a) && Array.isArray(b)) return sorted(a) !== sorted(b);
    return a !== b;
  });
  const letterChanged = link.letterId !== item.letterId || link.incomingLetterId !== item.incomingLetterId;
  if (letterChanged) changed.push('letter');
  const datesMoved = changed.includes('startsAt') || changed.includes('endsAt');

  if (changed.length) {
    await db.transaction(async (trx) => {
      await lockPlannedAgendaItem(trx, itemId);
      await trx('agenda_items').where({ id: itemId }).update({
        title: checked.title,
        place: checked.place,
        starts_at: checked.startsAt,
        ends_at: checked.endsAt,
        target_output: checked.targetOutput,
        responsible_id: checked.responsibleId,
        unit: checked.unit,
        letter_id: link.letterId,
        incoming_letter_id: link.incomingLetterId,
        updated_at: new Date(),
      });
      if (changed.includes('participantIds') || changed.includes('responsibleId')) {
        await trx('agenda_participants').where({ agenda_item_id: itemId }).delete();
        if (checked.participantIds.length)
          await trx('agenda_participants').insert(
            checked.participantIds.map((userId) => ({ agenda_item_id: itemId, user_id: userId })),
          );
      }
      await appendAudit(trx, {
        actorId: actor.id,
        opdId: item.opdId,
        action: 'agenda.update',
        entityType: 'agenda_item',
        entityId: itemId,
        data: {
          changed,
          ...(datesMoved
            ? {
                from: { startsAt: item.startsAt.toISOString(), endsAt: item.endsAt.toISOString() },
                to: { startsAt: checked.startsAt.toISOString(), endsAt: checked.endsAt.toISOString() },
              }
            : {}),
        },
      });
    });
  }
  if (datesMoved)
    await rescheduleAgendaWorkflow(await deps.temporalClient(), itemId, {
      actorId: actor.id,
      startsAt: checked.startsAt.toISOString(),
      endsAt: checked.endsAt.toISOString(),
    });
  return { id: itemId, changed };
}

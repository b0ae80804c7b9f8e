import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import type { Actor } from '../rbac/policy';
import { endAgendaWorkflow } from '../temporal/agenda-workflow-client';
import type { AgendaDeps } from './create-agenda-item';
import { findOpenAgendaItem } from './find-open-agenda-item';
import { lockPlannedAgendaItem } from './lock-planned-agenda-item';

const REASON_MAX = 1000;

/**
 * Cancels a planned item with the reason (kept in the audit row, which the item's page shows), then
 * its workflow stops the reminders. A cancelled item stays on record; it cannot be reopened.
 */
export async function cancelAgendaItem(deps: AgendaDeps, actor: Actor, itemId: number, reasonText: string) {
  const { db } = deps;
  const found = await findOpenAgendaItem(db, actor, itemId);
  const reason = reasonText.trim();
  const problem = !reason
    ? 'Tuliskan alasan pembatalan.'
    : reason.length > REASON_MAX
      ? `Alasan paling panjang ${REASON_MAX} karakter.`
      : null;
  if (problem) throw new ValidationError(problem, { fields: [{ field: 'reason', message: problem }] });
  await db.transaction(async (trx) => {
    await lockPlannedAgendaItem(trx, itemId);
    await trx('agenda_items').where({ id: itemId }).update({ status: 'cancelled', updated_at: new Date() });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: found.item.opdId,
      action: 'agenda.cancel',
      entityType: 'agenda_item',
      entityId: itemId,
      data: { reason },
    });
  });
  await endAgendaWorkflow(await deps.temporalClient(), itemId, { actorId: actor.id, status: 'cancelled' });
  return { id: itemId, status: 'cancelled' as const };
}

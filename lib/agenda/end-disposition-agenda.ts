import { appendAudit } from '../audit/append-audit';
import { endAgendaWorkflow } from '../temporal/agenda-workflow-client';
import type { AgendaDeps } from './create-agenda-item';

/** What ended a disposition (or all of a letter's, when the letter closed). */
export type DispositionEnd =
  | { dispositionId: number; outcome: 'done' | 'recalled'; actorId: number | null }
  | { incomingId: number; outcome: 'closed'; actorId: number | null };

/**
 * The agenda items a disposition made follow it: its due time is met once it is done, and called off
 * when it is recalled or its letter closed; a meeting it asked someone to attend is called off only
 * when it is recalled (a closed letter does not undo a meeting). Items already ended are left alone,
 * so a retried activity changes nothing; each change has its audit row, then the reminders stop.
 */
export async function endDispositionAgenda(deps: AgendaDeps, end: DispositionEnd): Promise<void> {
  const status = end.outcome === 'done' ? 'done' : 'cancelled';
  const ended = await deps.db.transaction(async (trx) => {
    const q = trx('agenda_items').where({ status: 'planned' }).forUpdate();
    if ('incomingId' in end) q.where({ incoming_letter_id: end.incomingId, source: 'disposition' });
    else if (end.outcome === 'done') q.where({ source_key: `disposition:${end.dispositionId}` });
    else q.whereIn('source_key', [`disposition:${end.dispositionId}`, `invitation:${end.dispositionId}`]);
    const rows = await q.select('id', 'opd_id');
    const now = new Date();
    for (const row of rows) {
      await trx('agenda_items')
        .where({ id: row.id })
        .update({
          status,
          ...(status === 'done'
            ? { output_report: 'Disposisi selesai ditindaklanjuti.', done_at: now, done_by: end.actorId }
            : {}),
          updated_at: now,
        });
      await appendAudit(trx, {
        actorId: end.actorId,
        opdId: Number(row.opd_id),
        action: status === 'done' ? 'agenda.done' : 'agenda.cancel',
        entityType: 'agenda_item',
        entityId: Number(row.id),
        data: { because: `disposition.${end.outcome}` },
      });
    }
    return rows.map((r) => Number(r.id));
  });
  if (!ended.length) return;
  const client = await deps.temporalClient();
  for (const itemId of ended) await endAgendaWorkflow(client, itemId, { actorId: end.actorId, status });
}

import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import type { Actor } from '../rbac/policy';
import type { FileStore } from '../storage/file-store';
import { endAgendaWorkflow } from '../temporal/agenda-workflow-client';
import type { AgendaDeps } from './create-agenda-item';
import { findOpenAgendaItem } from './find-open-agenda-item';
import { lockPlannedAgendaItem } from './lock-planned-agenda-item';

const OUTPUT_MAX = 5000;

export interface AgendaOutput {
  /** What was produced (the target output's report). */
  output: string;
  /** Files already checked by content (type and size) by the upload. */
  files: { bytes: Buffer; mime: string; name: string }[];
}

/**
 * Marks a planned item done with its output: the report, the files (into the file store, linked as
 * agenda_output_files) and the audit row in one transaction; then its workflow stops the reminders.
 */
export async function markAgendaItemDone(
  deps: AgendaDeps & { files: FileStore },
  actor: Actor,
  itemId: number,
  input: AgendaOutput,
) {
  const { db } = deps;
  const found = await findOpenAgendaItem(db, actor, itemId);
  const output = input.output.trim();
  const problem = !output
    ? 'Tuliskan hasil (keluaran) kegiatan.'
    : output.length > OUTPUT_MAX
      ? `Hasil kegiatan paling panjang ${OUTPUT_MAX} karakter.`
      : null;
  if (problem) throw new ValidationError(problem, { fields: [{ field: 'output', message: problem }] });

  const fileIds = await db.transaction(async (trx) => {
    await lockPlannedAgendaItem(trx, itemId);
    const stored: number[] = [];
    for (const file of input.files) {
      const put = await deps.files.put(
        file.bytes,
        { mime: file.mime, originalName: file.name, createdBy: actor.id },
        trx,
      );
      if (stored.includes(put.id)) continue;
      stored.push(put.id);
      await trx('agenda_output_files').insert({
        agenda_item_id: itemId,
        file_id: put.id,
        name: (file.name || 'hasil-kegiatan').slice(0, 255),
      });
    }
    const now = new Date();
    await trx('agenda_items').where({ id: itemId }).update({
      status: 'done',
      output_report: output,
      done_at: now,
      done_by: actor.id,
      updated_at: now,
    });
    await appendAudit(trx, {
      actorId: actor.id,
      opdId: found.item.opdId,
      action: 'agenda.done',
      entityType: 'agenda_item',
      entityId: itemId,
      data: { files: stored },
    });
    return stored;
  });
  await endAgendaWorkflow(await deps.temporalClient(), itemId, { actorId: actor.id, status: 'done' });
  return { id: itemId, status: 'done' as const, fileIds };
}

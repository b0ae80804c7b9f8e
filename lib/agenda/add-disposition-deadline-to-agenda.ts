import { toDate } from '../db/to-date';
import { clipAgendaText } from './clip-agenda-text';
import { createAgendaItem, type AgendaDeps } from './create-agenda-item';

/**
 * Puts the due time of each given disposition that has one on its receiver's agenda as a deadline
 * (starts and ends at the due time), in the receiving OPD and the receiver's division. Dispositions
 * without a due time are passed over. Idempotent (`disposition:<dispositionId>`).
 */
export async function addDispositionDeadlineToAgenda(
  deps: AgendaDeps,
  dispositionIds: number[],
): Promise<number[]> {
  if (!dispositionIds.length) return [];
  const rows = await deps
    .db('dispositions as d')
    .join('incoming_letters as i', 'i.id', 'd.incoming_letter_id')
    .join('users as u', 'u.id', 'd.to_user_id')
    .whereIn('d.id', dispositionIds)
    .whereNotNull('d.due_at')
    .orderBy('d.id')
    .select(
      'd.id',
      'd.to_user_id',
      'd.from_user_id',
      'd.due_at',
      'i.id as incoming_id',
      'i.opd_id',
      'i.subject',
      'u.unit',
    );
  const ids: number[] = [];
  for (const row of rows) {
    const dueAt = toDate(row.due_at)!;
    const item = await createAgendaItem(deps, {
      opdId: Number(row.opd_id),
      unit: String(row.unit),
      title: clipAgendaText(`Tenggat disposisi: ${row.subject}`, 300),
      place: '',
      startsAt: dueAt,
      endsAt: dueAt,
      targetOutput: 'Tindak lanjut disposisi',
      responsibleId: Number(row.to_user_id),
      participantIds: [],
      kind: 'deadline',
      source: 'disposition',
      sourceKey: `disposition:${row.id}`,
      incomingLetterId: Number(row.incoming_id),
      dispositionId: Number(row.id),
      createdBy: Number(row.from_user_id),
    });
    ids.push(item.id);
  }
  return ids;
}

import { clipAgendaText } from './clip-agenda-text';
import { createAgendaItem, type AgendaDeps } from './create-agenda-item';
import { wibDateTime } from './wib-date-time';

/** The instructions that send the receiver to the meeting: attend it, or attend in the giver's place. */
const ATTEND = ['Hadiri', 'Wakili'];
/** An invitation without an end time ("sampai selesai") is put down as two hours. */
const DEFAULT_HOURS = 2;

interface InvitationFields {
  tanggalAcara?: string;
  waktuMulai?: string;
  waktuSelesai?: string;
  tempat?: string;
  acara?: string;
}

/**
 * Puts the meeting of an incoming Surat Undangan on the agenda of each receiver of the given
 * dispositions whose instruction is to attend: one item per disposition, in the receiving OPD and the
 * receiver's division, with the date, time and place of the letter's current version. Dispositions of
 * other letters or instructions are passed over. Idempotent (`invitation:<dispositionId>`).
 */
export async function addInvitationToAgenda(deps: AgendaDeps, dispositionIds: number[]): Promise<number[]> {
  if (!dispositionIds.length) return [];
  const rows = await deps
    .db('dispositions as d')
    .join('incoming_letters as i', 'i.id', 'd.incoming_letter_id')
    .join('letters as l', 'l.id', 'i.letter_id')
    .join('letter_versions as v', 'v.id', 'l.current_version_id')
    .join('users as u', 'u.id', 'd.to_user_id')
    .whereIn('d.id', dispositionIds)
    .whereIn('d.instruction', ATTEND)
    .where('l.kind', 'surat-undangan')
    .orderBy('d.id')
    .select(
      'd.id',
      'd.to_user_id',
      'd.from_user_id',
      'i.id as incoming_id',
      'i.opd_id',
      'i.subject',
      'u.unit',
      'v.fields',
    );
  const ids: number[] = [];
  for (const row of rows) {
    const fields = (JSON.parse(String(row.fields)) as { fields: InvitationFields }).fields;
    const startsAt = wibDateTime(String(fields.tanggalAcara), String(fields.waktuMulai));
    // A sent letter passed its template's schema; a row edited by hand must not stall the activity.
    if (Number.isNaN(startsAt.getTime())) continue;
    const endsAt = fields.waktuSelesai
      ? wibDateTime(String(fields.tanggalAcara), fields.waktuSelesai)
      : new Date(startsAt.getTime() + DEFAULT_HOURS * 3_600_000);
    const item = await createAgendaItem(deps, {
      opdId: Number(row.opd_id),
      unit: String(row.unit),
      title: clipAgendaText(`Menghadiri: ${fields.acara?.trim() || row.subject}`, 300),
      place: clipAgendaText(fields.tempat ?? '', 300),
      startsAt,
      endsAt,
      targetOutput: 'Laporan hasil kegiatan',
      responsibleId: Number(row.to_user_id),
      participantIds: [],
      kind: 'event',
      source: 'invitation',
      sourceKey: `invitation:${row.id}`,
      incomingLetterId: Number(row.incoming_id),
      dispositionId: Number(row.id),
      createdBy: Number(row.from_user_id),
    });
    ids.push(item.id);
  }
  return ids;
}

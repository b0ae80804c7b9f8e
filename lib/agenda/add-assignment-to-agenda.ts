import { wibDayRange } from '../archive/wib-day-range';
import { clipAgendaText } from './clip-agenda-text';
import { createAgendaItem, type AgendaDeps } from './create-agenda-item';

interface AssignmentFields {
  pegawai?: { nip?: string }[];
  tanggalMulai?: string;
  tanggalSelesai?: string;
  tempatTugas?: string;
}

/** The assignment ends at 23:59 WIB of its last day. */
const LAST_MINUTE_MS = 60_000;

/**
 * Puts a signed Surat Tugas on the agenda of each person it names who is an active user (found by NIP;
 * people without a NIP or unknown to e-Office are passed over): whole days in WIB from the first day
 * 00:00 to the last day 23:59, in that person's OPD and division. Any other letter adds nothing.
 * Idempotent (`assignment:<letterId>:<userId>`).
 */
export async function addAssignmentToAgenda(
  deps: AgendaDeps,
  input: { letterId: number; signerId: number },
): Promise<number[]> {
  const { db } = deps;
  const letter = await db('letters as l')
    .join('letter_versions as v', 'v.id', 'l.current_version_id')
    .where('l.id', input.letterId)
    .where('l.kind', 'surat-tugas')
    .first('l.subject', 'v.fields');
  if (!letter) return [];
  const fields = (JSON.parse(String(letter.fields)) as { fields: AssignmentFields }).fields;
  const nips = [...new Set((fields.pegawai ?? []).map((p) => p.nip?.trim()).filter((n): n is string => !!n))];
  const first = String(fields.tanggalMulai);
  const last = fields.tanggalSelesai || first;
  // A signed letter passed its template's schema; a row edited by hand must not stall the activity.
  if (!nips.length || ![first, last].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) return [];
  const { start, end } = wibDayRange(first, last);
  const people = await db('users')
    .whereIn('nip', nips)
    .where({ active: true })
    .whereNotNull('opd_id')
    .orderBy('id')
    .select('id', 'opd_id', 'unit');
  const ids: number[] = [];
  for (const person of people) {
    const item = await createAgendaItem(deps, {
      opdId: Number(person.opd_id),
      unit: String(person.unit),
      title: clipAgendaText(`Tugas: ${letter.subject}`, 300),
      place: clipAgendaText(fields.tempatTugas ?? '', 300),
      startsAt: start,
      endsAt: new Date(end.getTime() - LAST_MINUTE_MS),
      targetOutput: 'Laporan pelaksanaan tugas',
      responsibleId: Number(person.id),
      participantIds: [],
      kind: 'event',
      source: 'assignment',
      sourceKey: `assignment:${input.letterId}:${person.id}`,
      letterId: input.letterId,
      createdBy: input.signerId,
    });
    ids.push(item.id);
  }
  return ids;
}

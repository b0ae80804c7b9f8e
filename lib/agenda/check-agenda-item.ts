import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { AGENDA_REFUSAL } from '../../workflows/agenda-item-types';
import type { AgendaKind } from './create-agenda-item';

export interface AgendaItemFields {
  opdId: number;
  /** The division (users.unit); '' for the whole OPD. */
  unit: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  targetOutput: string;
  responsibleId: number;
  /** Other people named on it (the responsible person need not be repeated). */
  participantIds: number[];
  kind: AgendaKind;
}

const LIMITS = { title: 300, place: 300, targetOutput: 1000, unit: 200 } as const;

/**
 * Checks an item's fields against the rules every item keeps, however it was made, and answers them
 * trimmed with the participants deduplicated (the responsible person is not repeated among them). All
 * problems come back at once, each on its field, so a form can show them beside the inputs.
 */
export async function checkAgendaItem(db: Knex, fields: AgendaItemFields): Promise<AgendaItemFields> {
  const problems: { field: string; message: string }[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const text = {
    title: fields.title.trim(),
    place: fields.place.trim(),
    targetOutput: fields.targetOutput.trim(),
    unit: fields.unit.trim(),
  };
  if (!text.title) problem('title', 'Nama kegiatan wajib diisi.');
  if (text.title.length > LIMITS.title)
    problem('title', `Nama kegiatan paling panjang ${LIMITS.title} karakter.`);
  if (text.place.length > LIMITS.place) problem('place', `Tempat paling panjang ${LIMITS.place} karakter.`);
  if (text.targetOutput.length > LIMITS.targetOutput)
    problem('targetOutput', `Target keluaran paling panjang ${LIMITS.targetOutput} karakter.`);
  if (text.unit.length > LIMITS.unit) problem('unit', `Nama bidang paling panjang ${LIMITS.unit} karakter.`);
  const [start, end] = [fields.startsAt.getTime(), fields.endsAt.getTime()];
  if (Number.isNaN(start)) problem('startsAt', 'Waktu mulai tidak sah.');
  if (Number.isNaN(end)) problem('endsAt', 'Waktu selesai tidak sah.');
  // A deadline is one moment; an event lasts.
  else if (end < start || (end === start && fields.kind === 'event'))
    problem('endsAt', AGENDA_REFUSAL.badDates);

  const responsible = await db('users').where({ id: fields.responsibleId }).first('id', 'opd_id', 'active');
  if (!responsible) problem('responsibleId', 'Penanggung jawab tidak ditemukan.');
  else if (!responsible.active) problem('responsibleId', 'Penanggung jawab tidak aktif.');
  else if (Number(responsible.opd_id) !== fields.opdId)
    problem('responsibleId', 'Penanggung jawab harus pegawai perangkat daerah yang sama.');

  const participantIds = [...new Set(fields.participantIds)].filter((id) => id !== fields.responsibleId);
  if (participantIds.length) {
    const active: number[] = (
      await db('users').whereIn('id', participantIds).where('active', true).pluck('id')
    ).map(Number);
    if (active.length !== participantIds.length)
      problem('participantIds', 'Peserta harus pegawai yang terdaftar dan aktif.');
  }
  if (problems.length)
    throw new ValidationError(problems.map((p) => p.message).join(' '), { fields: problems });
  return { ...fields, ...text, participantIds };
}

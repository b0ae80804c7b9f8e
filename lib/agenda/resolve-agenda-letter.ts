import type { Knex } from 'knex';
import { ValidationError } from '../errors';

/**
 * The letter an activity links to, among the OPD's own: an outgoing letter by its number (or id), else
 * an incoming letter by the sender's number or its agenda number. '' links none.
 */
export async function resolveAgendaLetter(
  db: Knex,
  opdId: number,
  ref: string,
): Promise<{ letterId: number | null; incomingLetterId: number | null }> {
  const wanted = ref.trim();
  if (!wanted) return { letterId: null, incomingLetterId: null };
  const outgoing =
    (await db('letters').where({ opd_id: opdId, number: wanted }).first('id')) ??
    (/^\d{1,9}$/.test(wanted)
      ? await db('letters')
          .where({ opd_id: opdId, id: Number(wanted) })
          .first('id')
      : null);
  if (outgoing) return { letterId: Number(outgoing.id), incomingLetterId: null };
  const incoming = await db('incoming_letters')
    .where({ opd_id: opdId })
    .andWhere((w) => w.where('number', wanted).orWhere('agenda_number', wanted))
    .orderBy('id', 'desc')
    .first('id');
  if (incoming) return { letterId: null, incomingLetterId: Number(incoming.id) };
  const message = 'Surat dengan nomor itu tidak ditemukan di perangkat daerah ini.';
  throw new ValidationError(message, { fields: [{ field: 'letter', message }] });
}

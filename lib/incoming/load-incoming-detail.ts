import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { NotFoundError } from '../errors';
import type { IncomingStatus } from '../../workflows/incoming-letter-types';

export interface IncomingDetail {
  id: number;
  opdId: number;
  opdName: string;
  /** The head of the receiving OPD (kepala), who may close the letter. */
  headUserId: number | null;
  source: 'delivery' | 'paper';
  recipientKind: 'to' | 'cc';
  senderOpdId: number | null;
  senderOpdName: string | null;
  senderName: string;
  number: string;
  /** yyyy-mm-dd */
  letterDate: string;
  subject: string;
  sifat: string;
  urgency: string;
  classification: string;
  agendaNumber: string | null;
  receivedAt: Date | null;
  registeredBy: { id: number; name: string } | null;
  /** The paper letter's scan in the file store. */
  scan: { id: number; type: string } | null;
  /** A delivered letter's outgoing letter: its signed PDF is at /surat/<letterId>/pdf. */
  letterId: number | null;
  status: IncomingStatus;
  /** When the bagian umum first opened it. */
  readAt: Date | null;
  closedAt: Date | null;
  closedBy: { id: number; name: string } | null;
  closeNote: string | null;
  createdAt: Date;
}

const person = (id: unknown, name: unknown) => (id === null ? null : { id: Number(id), name: String(name) });

/** An incoming letter with the names its page shows. Access is the caller's check (findIncomingForActor). */
export async function loadIncomingDetail(db: Knex, incomingId: number): Promise<IncomingDetail> {
  const r = await db('incoming_letters as i')
    .join('opd', 'opd.id', 'i.opd_id')
    .leftJoin('opd as sender', 'sender.id', 'i.sender_opd_id')
    .leftJoin('users as registrar', 'registrar.id', 'i.registered_by')
    .leftJoin('users as closer', 'closer.id', 'i.closed_by')
    .leftJoin('files', 'files.id', 'i.scan_file_id')
    .where('i.id', incomingId)
    .first(
      'i.*',
      'opd.name as opd_name',
      'opd.head_user_id',
      'sender.name as sender_opd_name',
      'registrar.name as registrar_name',
      'closer.name as closer_name',
      'files.mime as scan_type',
    );
  if (!r) throw new NotFoundError('Surat masuk tidak ditemukan.');
  return {
    id: Number(r.id),
    opdId: Number(r.opd_id),
    opdName: r.opd_name,
    headUserId: r.head_user_id === null ? null : Number(r.head_user_id),
    source: r.source,
    recipientKind: r.recipient_kind,
    senderOpdId: r.sender_opd_id === null ? null : Number(r.sender_opd_id),
    senderOpdName: r.sender_opd_name ?? null,
    senderName: r.sender_name,
    number: r.number,
    letterDate: r.letter_date,
    subject: r.subject,
    sifat: r.sifat,
    urgency: r.urgency,
    classification: r.classification,
    agendaNumber: r.agenda_number ?? null,
    receivedAt: toDate(r.received_at),
    registeredBy: person(r.registered_by, r.registrar_name),
    scan: r.scan_file_id === null ? null : { id: Number(r.scan_file_id), type: r.scan_type },
    letterId: r.letter_id === null ? null : Number(r.letter_id),
    status: r.status,
    readAt: toDate(r.read_at),
    closedAt: toDate(r.closed_at),
    closedBy: person(r.closed_by, r.closer_name),
    closeNote: r.close_note ?? null,
    createdAt: toDate(r.created_at)!,
  };
}

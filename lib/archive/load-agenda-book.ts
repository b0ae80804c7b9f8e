import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { ValidationError } from '../errors';
import { scopeToOpd, type Actor } from '../rbac/policy';
import { OPEN_DISPOSITION } from '../../workflows/incoming-letter-types';
// The incoming statuses read as on the incoming-letter pages.
import { INCOMING_STATUS, sifatLabel, urgencyLabel } from '../incoming/incoming-labels';
import type { AgendaBookInput } from './archive-input';
import { wibDateOf } from './wib-date-of';
import { wibDayRange } from './wib-day-range';

export interface AgendaColumn {
  key: string;
  header: string;
  /** In characters, for the XLSX sheet. */
  width: number;
  /** The values are yyyy-mm-dd calendar dates. */
  date?: boolean;
}

export interface AgendaBook {
  /** For the sheet and the file name, e.g. "Buku Agenda Surat Masuk DISKOMINFO 2026-01-01 s.d. 2026-11-28". */
  title: string;
  fileName: string;
  columns: AgendaColumn[];
  rows: Record<string, string | null>[];
}

const INCOMING_COLUMNS: AgendaColumn[] = [
  { key: 'agendaNumber', header: 'No. Agenda', width: 14 },
  { key: 'receivedOn', header: 'Tanggal Diterima', width: 16, date: true },
  { key: 'sender', header: 'Pengirim', width: 36 },
  { key: 'number', header: 'Nomor Surat', width: 30 },
  { key: 'letterDate', header: 'Tanggal Surat', width: 14, date: true },
  { key: 'subject', header: 'Perihal', width: 48 },
  { key: 'sifat', header: 'Sifat', width: 12 },
  { key: 'urgency', header: 'Urgensi', width: 14 },
  { key: 'classification', header: 'Klasifikasi', width: 12 },
  { key: 'status', header: 'Status', width: 18 },
  { key: 'holders', header: 'Pemegang Disposisi', width: 36 },
];

const OUTGOING_COLUMNS: AgendaColumn[] = [
  { key: 'number', header: 'Nomor Surat', width: 30 },
  { key: 'letterDate', header: 'Tanggal Surat', width: 14, date: true },
  { key: 'subject', header: 'Perihal', width: 48 },
  { key: 'recipients', header: 'Tujuan', width: 48 },
  { key: 'signer', header: 'Penandatangan', width: 32 },
];

/** Names per parent id, joined in the order given. */
function groupNames(rows: { parent: unknown; name: string }[]): Map<number, string> {
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(Number(r.parent), [...(out.get(Number(r.parent)) ?? []), r.name]);
  return new Map([...out].map(([id, names]) => [id, names.join('; ')]));
}

/** The incoming register: letters received (registered) in the period, in agenda order. */
async function incomingRows(db: Knex, opdId: number, from: string, to: string) {
  const { start, end } = wibDayRange(from, to);
  const letters = await db('incoming_letters')
    .where('opd_id', opdId)
    .where('received_at', '>=', start)
    .where('received_at', '<', end)
    .orderBy('agenda_year')
    .orderBy('agenda_seq')
    .orderBy('received_at')
    .orderBy('id');
  const holders = groupNames(
    letters.length
      ? await db('dispositions as d')
          .join('users as u', 'u.id', 'd.to_user_id')
          .whereIn(
            'd.incoming_letter_id',
            letters.map((l) => l.id),
          )
          .whereIn('d.status', OPEN_DISPOSITION)
          .orderBy('d.id')
          .select('d.incoming_letter_id as parent', 'u.name')
      : [],
  );
  return letters.map((l) => ({
    agendaNumber: l.agenda_number ?? null,
    receivedOn: wibDateOf(toDate(l.received_at)!),
    sender: l.sender_name,
    number: l.number,
    letterDate: l.letter_date,
    subject: l.subject,
    sifat: sifatLabel(l.sifat),
    urgency: urgencyLabel(l.urgency),
    classification: l.classification,
    status: INCOMING_STATUS[l.status as keyof typeof INCOMING_STATUS]?.label ?? l.status,
    holders: holders.get(Number(l.id)) ?? '',
  }));
}

/** The outgoing register: letters numbered with a date in the period, in date order. */
async function outgoingRows(db: Knex, opdId: number, from: string, to: string) {
  const letters = await db('letters as l')
    .leftJoin('users as s', 's.id', 'l.signer_id')
    .where('l.opd_id', opdId)
    .whereNotNull('l.number')
    .where('l.number_date', '>=', from)
    .where('l.number_date', '<=', to)
    .orderBy('l.number_date')
    .orderBy('l.id')
    .select('l.id', 'l.number', 'l.number_date', 'l.subject', 's.name as signer');
  const recipientRows = letters.length
    ? await db('letter_recipients as r')
        .join('opd as o', 'o.id', 'r.opd_id')
        .whereIn(
          'r.letter_id',
          letters.map((l) => l.id),
        )
        .orderBy('r.kind', 'desc')
        .orderBy('o.name')
        .select('r.letter_id as parent', 'r.kind', 'o.name')
    : [];
  const recipients = groupNames(
    recipientRows.map((r) => ({ parent: r.parent, name: r.kind === 'cc' ? `${r.name} (tembusan)` : r.name })),
  );
  return letters.map((l) => ({
    number: l.number,
    letterDate: l.number_date,
    subject: l.subject,
    recipients: recipients.get(Number(l.id)) ?? '',
    signer: l.signer ?? '',
  }));
}

/**
 * One OPD's agenda book for a period (default: from 1 January of this year to today, WIB): the
 * incoming or the outgoing register. The bagian umum gets their own OPD's only; a superadmin names
 * the OPD.
 */
export async function loadAgendaBook(db: Knex, actor: Actor, input: AgendaBookInput, now = new Date()) {
  const opdId = scopeToOpd(actor, input.opd);
  if (opdId === null) throw new ValidationError('Data tidak valid: opd: pilih OPD buku agenda.');
  const opd = await db('opd').where({ id: opdId }).first('code');
  if (!opd) throw new ValidationError('Data tidak valid: opd: OPD tidak dikenal.');
  const today = wibDateOf(now);
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 4)}-01-01`;
  const incoming = input.kind === 'masuk';
  const label = incoming ? 'Surat Masuk' : 'Surat Keluar';
  const book: AgendaBook = {
    title: `Buku Agenda ${label} ${opd.code} ${from} s.d. ${to}`,
    fileName: `buku-agenda-${input.kind}-${String(opd.code).toLowerCase()}-${from}-${to}`,
    columns: incoming ? INCOMING_COLUMNS : OUTGOING_COLUMNS,
    rows: incoming ? await incomingRows(db, opdId, from, to) : await outgoingRows(db, opdId, from, to),
  };
  return book;
}

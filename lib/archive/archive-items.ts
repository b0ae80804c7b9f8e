import type { Knex } from 'knex';
import type { ArchiveKind } from './archive-input';

export interface ArchiveItem {
  kind: ArchiveKind;
  id: number;
  opdId: number;
  opdName: string;
  /** The letter's number; an outgoing letter has none before numbering. */
  number: string | null;
  /** Incoming only: the agenda number given at registration. */
  agendaNumber: string | null;
  subject: string;
  /** Outgoing: the recipient OPDs; incoming: the sender. */
  party: string;
  /** yyyy-mm-dd: the numbering date of an outgoing letter, the date written on an incoming one. */
  letterDate: string | null;
  status: string;
  href: string;
}

/** A page row as an item; `party`: an outgoing letter's recipients, an incoming one's sender. */
function itemOf(kind: ArchiveKind, r: Record<string, string | number | null>, party: string): ArchiveItem {
  const id = Number(r.id);
  return {
    kind,
    id,
    opdId: Number(r.opd_id),
    opdName: String(r.opd_name),
    number: (r.number as string | null) ?? null,
    agendaNumber: (r.agenda_number as string | null) ?? null,
    subject: String(r.subject),
    party,
    letterDate: (r.letter_date as string | null) ?? null,
    status: String(r.status),
    href: kind === 'keluar' ? `/surat/${id}` : `/surat-masuk/${id}`,
  };
}

/** The page's outgoing letters, by id, with their recipient OPDs' names. */
async function outgoingItems(db: Knex, ids: number[]): Promise<Map<number, ArchiveItem>> {
  const [rows, recipients] = await Promise.all([
    db('letters as l')
      .join('opd as o', 'o.id', 'l.opd_id')
      .whereIn('l.id', ids)
      .select('l.id', 'l.opd_id', 'o.name as opd_name', 'l.number', 'l.subject', 'l.status')
      .select('l.number_date as letter_date'),
    recipientNames(db, ids),
  ]);
  return new Map(rows.map((r) => [Number(r.id), itemOf('keluar', r, recipients.get(Number(r.id)) ?? '')]));
}

/** The page's incoming letters, by id. */
async function incomingItems(db: Knex, ids: number[]): Promise<Map<number, ArchiveItem>> {
  const rows = await db('incoming_letters as i')
    .join('opd as o', 'o.id', 'i.opd_id')
    .whereIn('i.id', ids)
    .select('i.id', 'i.opd_id', 'o.name as opd_name', 'i.number', 'i.agenda_number', 'i.subject', 'i.status')
    .select('i.sender_name', 'i.letter_date');
  return new Map(rows.map((r) => [Number(r.id), itemOf('masuk', r, r.sender_name)]));
}

/** Recipient OPD names ('to' first, then tembusan) of each outgoing letter on the page. */
async function recipientNames(db: Knex, letterIds: number[]): Promise<Map<number, string>> {
  const rows = letterIds.length
    ? await db('letter_recipients as r')
        .join('opd as o', 'o.id', 'r.opd_id')
        .whereIn('r.letter_id', letterIds)
        .orderBy('r.kind', 'desc')
        .orderBy('o.name')
        .select('r.letter_id', 'r.kind', 'o.name')
    : [];
  const names = new Map<number, string[]>();
  for (const r of rows) {
    const id = Number(r.letter_id);
    names.set(id, [...(names.get(id) ?? []), r.kind === 'cc' ? `${r.name} (tembusan)` : r.name]);
  }
  return new Map([...names].map(([id, list]) => [id, list.join('; ')]));
}

/** The page's rows as items, in their order. */
export async function itemsOf(db: Knex, rows: { kind: ArchiveKind; id: number }[]): Promise<ArchiveItem[]> {
  const idsOf = (kind: ArchiveKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [outgoing, incoming] = await Promise.all([
    outgoingItems(db, idsOf('keluar')),
    incomingItems(db, idsOf('masuk')),
  ]);
  return rows.map((r) => (r.kind === 'keluar' ? outgoing : incoming).get(r.id)!);
}

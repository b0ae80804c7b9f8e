import type { Knex } from 'knex';
import { fromUsingIndex } from '../db/from-using-index';
import type { Actor } from '../rbac/policy';
import type { ArchiveKind, ArchiveSearchInput } from './archive-input';
import { incomingAccessPaths } from './incoming-access-paths';
import { outgoingAccessPaths, type AccessPath } from './outgoing-access-paths';

export const ARCHIVE_PAGE_SIZE = 20;

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

/** `%` and `_` typed by the user match themselves; '!' escapes them the same way on SQLite and MariaDB. */
const likePattern = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;
const LIKE = "like ? escape '!'";

function outgoingBranch(db: Knex, path: AccessPath, input: ArchiveSearchInput): Knex.QueryBuilder {
  const query = fromUsingIndex(db, 'letters', 'l', path.index).select(
    db.raw("'keluar' as kind"),
    'l.id',
    'l.opd_id',
    'l.number',
    db.raw('null as agenda_number'),
    'l.subject',
    db.raw("'' as sender_name"),
    'l.number_date as letter_date',
    'l.status',
    'l.updated_at as sort_at',
  );
  path.where(query);
  if (input.opd) query.where('l.opd_id', input.opd);
  if (input.status) query.where('l.status', input.status);
  // An unnumbered letter has no date yet, so a date filter leaves it out.
  if (input.from) query.where('l.number_date', '>=', input.from);
  if (input.to) query.where('l.number_date', '<=', input.to);
  if (input.q) {
    const like = likePattern(input.q);
    // The letter's text: the body fields of its current version, stored as JSON. A join on the primary
    // key (at most one row) rather than EXISTS, which MariaDB turns into a scan of every version's text.
    query.leftJoin('letter_versions as v', 'v.id', 'l.current_version_id');
    query.where((w) =>
      w
        .whereRaw(`l.subject ${LIKE}`, [like])
        .orWhereRaw(`l.number ${LIKE}`, [like])
        .orWhereExists(
          db('letter_recipients as r')
            .join('opd as ro', 'ro.id', 'r.opd_id')
            .whereRaw('r.letter_id = l.id')
            .where((n) => n.whereRaw(`ro.name ${LIKE}`, [like]).orWhereRaw(`ro.short_name ${LIKE}`, [like]))
            .select('r.id'),
        )
        .orWhereRaw(`v.fields ${LIKE}`, [like]),
    );
  }
  return query;
}

function incomingBranch(db: Knex, path: AccessPath, input: ArchiveSearchInput): Knex.QueryBuilder {
  const query = fromUsingIndex(db, 'incoming_letters', 'i', path.index).select(
    db.raw("'masuk' as kind"),
    'i.id',
    'i.opd_id',
    'i.number',
    'i.agenda_number',
    'i.subject',
    'i.sender_name',
    'i.letter_date',
    'i.status',
    db.raw('coalesce(i.received_at, i.created_at) as sort_at'),
  );
  path.where(query);
  if (input.opd) query.where('i.opd_id', input.opd);
  if (input.status) query.where('i.status', input.status);
  if (input.from) query.where('i.letter_date', '>=', input.from);
  if (input.to) query.where('i.letter_date', '<=', input.to);
  if (input.q) {
    const like = likePattern(input.q);
    query.where((w) => {
      for (const column of ['subject', 'number', 'sender_name', 'agenda_number'])
        w.orWhereRaw(`i.${column} ${LIKE}`, [like]);
    });
  }
  return query;
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

/**
 * One search over outgoing and incoming letters, newest first, never showing a letter its own page
 * would refuse to the actor. The text is matched case-insensitively in the number, subject and
 * recipients or sender, and for an outgoing letter in the body of its current version.
 */
export async function searchArchive(
  db: Knex,
  actor: Actor,
  input: ArchiveSearchInput,
  pageSize = ARCHIVE_PAGE_SIZE,
): Promise<{ items: ArchiveItem[]; total: number; page: number; pageSize: number }> {
  // One branch per way the actor may reach a letter; UNION (not ALL) drops a letter reached twice.
  const datedOnly = Boolean((input.from || input.to) && !input.opd);
  const branches = [
    ...(input.kind !== 'masuk'
      ? outgoingAccessPaths(db, actor, datedOnly).map((p) => outgoingBranch(db, p, input))
      : []),
    ...(input.kind !== 'keluar'
      ? incomingAccessPaths(db, actor, datedOnly).map((p) => incomingBranch(db, p, input))
      : []),
  ];
  const [first, ...rest] = branches;
  const union = () => db.from(first.clone().union(rest).as('a'));
  // The page carries the total (a window count over the same matches), so the search runs once; only
  // a page past the end, which has no row to carry it, counts on its own.
  const rows = await union()
    .leftJoin('opd as o', 'o.id', 'a.opd_id')
    .orderBy('a.sort_at', 'desc')
    .orderBy('a.kind')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((input.page - 1) * pageSize)
    .select('a.*', 'o.name as opd_name', db.raw('count(*) over () as total'));
  const [{ total }] = rows.length ? rows : await union().count({ total: '*' });
  const recipients = await recipientNames(
    db,
    rows.filter((r) => r.kind === 'keluar').map((r) => Number(r.id)),
  );
  return {
    items: rows.map((r) => {
      const id = Number(r.id);
      const outgoing = r.kind === 'keluar';
      return {
        kind: r.kind,
        id,
        opdId: Number(r.opd_id),
        opdName: r.opd_name,
        number: r.number ?? null,
        agendaNumber: r.agenda_number ?? null,
        subject: r.subject,
        party: outgoing ? (recipients.get(id) ?? '') : r.sender_name,
        letterDate: r.letter_date ?? null,
        status: r.status,
        href: outgoing ? `/surat/${id}` : `/surat-masuk/${id}`,
      };
    }),
    total: Number(total),
    page: input.page,
    pageSize,
  };
}

import type { Knex } from 'knex';
import { fromUsingIndex } from '../db/from-using-index';
import type { Actor } from '../rbac/policy';
import { lettersContaining, termsContaining, type WordTerms } from '../search/letters-containing';
import { searchWords } from '../search/search-words';
import type { ArchiveKind, ArchiveSearchInput } from './archive-input';
import { incomingAccessPaths } from './incoming-access-paths';
import { pageOfMatches } from './page-of-matches';
import { pageOfNewest } from './page-of-newest';
import { pageOfRecentMatches } from './page-of-recent-matches';
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

/** Where a branch's words are read: the OPD asked for or its path's own, and the date range. */
const wordsWithin = (path: AccessPath, input: ArchiveSearchInput) => ({
  opdId: input.opd ?? path.opdId,
  from: input.from,
  to: input.to,
});

/**
 * The ids of the letters of `kind` holding every word, each word's postings read as a set (DISTINCT)
 * and the sets joined. Two common words over all years: probing the second for each of the first's
 * 115,000 postings took a superadmin 5.5 s, the sets 0.2 s.
 */
function holdingAllWords(
  db: Knex,
  kind: ArchiveKind,
  words: WordTerms[],
  within: ReturnType<typeof wordsWithin>,
) {
  const [first, ...rest] = words.map((terms, n) =>
    lettersContaining(db, kind, terms, within).distinct().as(`w${n}`),
  );
  const matches = db.from(first).select('w0.doc_id');
  rest.forEach((set, n) => matches.join(set, `w${n + 1}.doc_id`, 'w0.doc_id'));
  return matches;
}

/** Up to this many letters, a person's path is tested letter by letter against the words (see whereReachedHolding). */
export const FEW_LETTERS = 500;

/**
 * Which of the paths reach more than `few` letters: a person's path counted from its index, no further,
 * all in one statement; a path to an OPD or the regency is no person's and is never counted.
 */
async function reachMany(db: Knex, paths: AccessPath[], few: number): Promise<boolean[]> {
  const counted = paths.flatMap((path, n) =>
    path.ids
      ? [
          db
            .from(
              path.ids
                .clone()
                .limit(few + 1)
                .as('x'),
            )
            .count('*')
            .as(`n${n}`),
        ]
      : [],
  );
  const [row] = counted.length ? await db.select(counted) : [{}];
  return paths.map((_, n) => Number(row[`n${n}`] ?? 0) > few);
}

/**
 * Narrows a branch (`alias` reads `kind`'s table) to the letters its path reaches that hold every word.
 * `asSets`: the path and each word's postings are read apart, each made a set by DISTINCT, and joined.
 * Left to choose, MariaDB walked a word's postings and tested each against a verifier's 6,000 letters
 * by random reads: 200 ms and more for a common word's 26,000 postings of a quarter, where the sets
 * take a few milliseconds. A path of a few hundred letters is cheaper tested letter by letter than a
 * common word's postings read whole, so it keeps the plain form.
 */
function whereReachedHolding(
  db: Knex,
  query: Knex.QueryBuilder,
  alias: string,
  kind: ArchiveKind,
  path: AccessPath,
  words: WordTerms[],
  input: ArchiveSearchInput,
  asSets: boolean,
): void {
  const within = wordsWithin(path, input);
  if (path.ids && asSets) {
    const reached = db.from(path.ids.clone().distinct().as('d')).select('d.id');
    words.forEach((terms, n) =>
      reached.join(lettersContaining(db, kind, terms, within).distinct().as(`w${n}`), `w${n}.doc_id`, 'd.id'),
    );
    query.whereIn(`${alias}.id`, reached);
    return;
  }
  if (path.ids) query.whereIn(`${alias}.id`, path.ids);
  else path.where(query);
  // A whole OPD or the regency: the words' sets, joined, leave MariaDB fewer letters to test.
  if (path.where && words.length > 1) query.whereIn(`${alias}.id`, holdingAllWords(db, kind, words, within));
  else for (const terms of words) query.whereIn(`${alias}.id`, lettersContaining(db, kind, terms, within));
}

/** Each kind's table, its alias in the search, its order (newest first) and the date the range filters. */
const SIDES = {
  keluar: { table: 'letters', alias: 'l', sortedBy: 'updated_at', datedBy: 'number_date' },
  // Every incoming letter is stored received (delivery, paper letters, registration all set it).
  masuk: { table: 'incoming_letters', alias: 'i', sortedBy: 'received_at', datedBy: 'letter_date' },
} as const;

/** One way in to one kind of letter, as rows (kind, id, sort_at). */
function branchOf(
  db: Knex,
  kind: ArchiveKind,
  path: AccessPath,
  input: ArchiveSearchInput,
  words: WordTerms[],
  asSets: boolean,
): Knex.QueryBuilder {
  const { table, alias, sortedBy, datedBy } = SIDES[kind];
  const query = fromUsingIndex(db, table, alias, path.index).select(
    db.raw('? as kind', [kind]),
    `${alias}.id`,
    `${alias}.${sortedBy} as sort_at`,
  );
  whereReachedHolding(db, query, alias, kind, path, words, input, asSets);
  if (input.opd) query.where(`${alias}.opd_id`, input.opd);
  if (input.status) query.where(`${alias}.status`, input.status);
  // An unnumbered outgoing letter has no date yet, so a date filter leaves it out.
  if (input.from) query.where(`${alias}.${datedBy}`, '>=', input.from);
  if (input.to) query.where(`${alias}.${datedBy}`, '<=', input.to);
  return query;
}

/** A recent window scans this many of a branch's newest letters per row up to the page's end. */
export const RECENT_LETTERS_PER_ROW = 100;

/**
 * The newest `letters` of a branch to a whole OPD or the regency, narrowed to those holding the words
 * (see pageOfRecentMatches). A date range ending before today leaves the newest letters out, so such a
 * search has no window.
 */
function recentWindowOf(
  db: Knex,
  kind: ArchiveKind,
  path: AccessPath,
  input: ArchiveSearchInput,
  words: WordTerms[],
  letters: number,
): Knex.QueryBuilder | undefined {
  if (!path.where || !words.length || input.to) return undefined;
  const newest = branchOf(db, kind, path, input, [], false)
    .orderBy('sort_at', 'desc')
    .orderBy('id', 'desc')
    .limit(letters);
  const window = db.from(newest.as('r')).select('r.*');
  for (const terms of words)
    window.whereIn('r.id', lettersContaining(db, kind, terms, wordsWithin(path, input)));
  return window;
}

/**
 * The letters of a branch to a whole OPD or the regency holding the words, as (kind, id), from the
 * postings alone: they carry each letter's OPD and date, so only a status filter needs the letter.
 * Testing each match against the letters table cost a superadmin 1 s for 10,000 matches of a common word.
 */
function postedMatchesOf(
  db: Knex,
  kind: ArchiveKind,
  path: AccessPath,
  input: ArchiveSearchInput,
  words: WordTerms[],
): Knex.QueryBuilder | undefined {
  if (!path.where || input.status) return undefined;
  const within = wordsWithin(path, input);
  const asKind = db.raw('? as kind', [kind]);
  return words.length === 1
    ? lettersContaining(db, kind, words[0], within).clearSelect().distinct(asKind, 'p.doc_id as id')
    : holdingAllWords(db, kind, words, within).clearSelect().select(asKind, 'w0.doc_id as id');
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

export interface ArchiveSearchResult {
  items: ArchiveItem[];
  /** Exact unless `totalCapped`: then there are more than `total` letters (see countUpTo). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/**
 * One search over outgoing and incoming letters, newest first, never showing a letter its own page
 * would refuse to the actor. Every word of the text must be found, as a whole word or part of one
 * ("anggaran" finds "penganggaran"), case and accents aside, in the letter's number, subject and
 * recipients or sender, and for an outgoing letter in the text of its current version (see
 * loadSearchDocuments); punctuation only separates words.
 */
export async function searchArchive(
  db: Knex,
  actor: Actor,
  input: ArchiveSearchInput,
  {
    pageSize = ARCHIVE_PAGE_SIZE,
    fewLetters = FEW_LETTERS,
    recentLettersPerRow = RECENT_LETTERS_PER_ROW,
  } = {},
): Promise<ArchiveSearchResult> {
  // One branch per way the actor may reach a letter. With words, their postings lead; otherwise a date
  // range without an OPD reads the date index.
  const words = await Promise.all((input.q ? searchWords(input.q) : []).map((w) => termsContaining(db, w)));
  // A word no letter holds: nothing to find.
  if (words.some((w) => w.termIds?.length === 0))
    return { items: [], total: 0, totalCapped: false, page: input.page, pageSize };
  const datedOnly = Boolean((input.from || input.to) && !input.opd && !words.length);
  const paths = [
    ...(input.kind !== 'masuk'
      ? outgoingAccessPaths(db, actor, datedOnly).map((path) => ({ path, kind: 'keluar' as const }))
      : []),
    ...(input.kind !== 'keluar'
      ? incomingAccessPaths(db, actor, datedOnly).map((path) => ({ path, kind: 'masuk' as const }))
      : []),
  ];
  const many = words.length
    ? await reachMany(
        db,
        paths.map((p) => p.path),
        fewLetters,
      )
    : paths.map(() => false);
  const branches = paths.map(({ path, kind }, n) => branchOf(db, kind, path, input, words, many[n]));
  const windowLetters = input.page * pageSize * recentLettersPerRow;
  const recent = paths.map(({ path, kind }) => recentWindowOf(db, kind, path, input, words, windowLetters));
  const { rows, total, capped } = !words.length
    ? await pageOfNewest(db, branches, input.page, pageSize)
    : recent.some(Boolean)
      ? await pageOfRecentMatches(
          db,
          branches,
          recent,
          paths.map(({ path, kind }, n) => postedMatchesOf(db, kind, path, input, words) ?? branches[n]),
          input.page,
          pageSize,
        )
      : await pageOfMatches(db, branches, input.page, pageSize);
  const idsOf = (kind: ArchiveKind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [outgoing, incoming] = await Promise.all([
    outgoingItems(db, idsOf('keluar')),
    incomingItems(db, idsOf('masuk')),
  ]);
  return {
    items: rows.map((r) => (r.kind === 'keluar' ? outgoing : incoming).get(r.id)!),
    total,
    totalCapped: capped,
    page: input.page,
    pageSize,
  };
}

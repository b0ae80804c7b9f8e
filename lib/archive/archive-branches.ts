import type { Knex } from 'knex';
import { fromUsingIndex } from '../db/from-using-index';
import { lettersContaining, type WordTerms } from '../search/letters-containing';
import type { ArchiveKind, ArchiveSearchInput } from './archive-input';
import { newestOf } from './archive-union';
import type { AccessPath } from './outgoing-access-paths';

/** Where a branch's words are read: the OPD asked for or its path's own, and the date range. */
const wordsWithin = (path: AccessPath, input: ArchiveSearchInput) => ({
  opdIds: input.opd ? [input.opd] : path.opdIds,
  from: input.from,
  to: input.to,
});

/**
 * A person's letters (a path's `ids`) as a subquery for IN: a UNION right inside IN is tested letter by
 * letter over the whole table on MariaDB; from a derived table it is read once.
 */
export const reachedIds = (db: Knex, ids: Knex.QueryBuilder) => db.from(ids.clone().as('d')).select('d.id');

/**
 * The ids of the letters of `kind` holding every word (and in `reached`, if given), each word's
 * postings read as a set (DISTINCT) and the sets joined. Two common words over all years: probing the
 * second for each of the first's 115,000 postings took a superadmin 5.5 s, the sets 0.2 s.
 */
function holdingAllWords(
  db: Knex,
  kind: ArchiveKind,
  words: WordTerms[],
  within: ReturnType<typeof wordsWithin>,
  reached?: Knex.QueryBuilder,
) {
  const wordSet = (n: number) => lettersContaining(db, kind, words[n], within).distinct().as(`w${n}`);
  const key = reached ? 'd.id' : 'w0.doc_id';
  const matches = db.from(reached ? reached.clone().distinct().as('d') : wordSet(0)).select(key);
  words.forEach((_, n) => {
    if (reached || n > 0) matches.join(wordSet(n), `w${n}.doc_id`, key);
  });
  return matches;
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
    query.whereIn(`${alias}.id`, holdingAllWords(db, kind, words, within, path.ids));
    return;
  }
  if (path.ids) query.whereIn(`${alias}.id`, reachedIds(db, path.ids));
  else path.where(query);
  // A whole OPD or the regency: the words' sets, joined, leave MariaDB fewer letters to test.
  if (path.where && words.length > 1) query.whereIn(`${alias}.id`, holdingAllWords(db, kind, words, within));
  else for (const terms of words) query.whereIn(`${alias}.id`, lettersContaining(db, kind, terms, within));
}

/** Each kind's table, its alias in the search, its order (newest first) and the date the range filters. */
export const SIDES = {
  keluar: { table: 'letters', alias: 'l', sortedBy: 'updated_at', datedBy: 'number_date' },
  // Every incoming letter is stored received (delivery, paper letters, registration all set it).
  masuk: { table: 'incoming_letters', alias: 'i', sortedBy: 'received_at', datedBy: 'letter_date' },
} as const;

/** One way in to one kind of letter, as rows (kind, id, sort_at). */
export function branchOf(
  db: Knex,
  kind: ArchiveKind,
  path: AccessPath,
  input: ArchiveSearchInput,
  words: WordTerms[],
  asSets: boolean,
): Knex.QueryBuilder {
  const { table, alias, sortedBy, datedBy } = SIDES[kind];
  // A status filter is tested on the letter itself, which the narrow index does not hold.
  const byMatches = words.length > 0 && !input.status;
  const index = (byMatches && path.matchesIndex) || path.index;
  const query = fromUsingIndex(db, table, alias, index).select(
    db.raw('? as kind', [kind]),
    `${alias}.id`,
    `${alias}.${sortedBy} as sort_at`,
  );
  whereReachedHolding(db, query, alias, kind, path, words, input, asSets);
  if (input.opd) query.where(`${alias}.opd_id`, input.opd);
  if (input.status) query.where(`${alias}.status`, input.status);
  // An unnumbered outgoing letter has no date yet, so a date filter leaves it out. One day is asked as
  // one value: MariaDB reads a range of dates unordered by the sort time, one date in its order.
  if (input.from && input.from === input.to) query.where(`${alias}.${datedBy}`, input.from);
  else {
    if (input.from) query.where(`${alias}.${datedBy}`, '>=', input.from);
    if (input.to) query.where(`${alias}.${datedBy}`, '<=', input.to);
  }
  return query;
}

/** A recent window scans this many of a branch's newest letters per row up to the page's end. */
export const RECENT_LETTERS_PER_ROW = 100;

/**
 * The newest `letters` of a branch to a whole OPD or the regency, narrowed to those holding the words
 * (see pageOfRecentMatches). A date range ending before today leaves the newest letters out, so such a
 * search has no window.
 */
export function recentWindowOf(
  db: Knex,
  kind: ArchiveKind,
  path: AccessPath,
  input: ArchiveSearchInput,
  words: WordTerms[],
  letters: number,
): Knex.QueryBuilder | undefined {
  if (!path.where || !words.length || input.to) return undefined;
  const window = newestOf(db, branchOf(db, kind, path, input, [], false), letters, 'r');
  const within = wordsWithin(path, input);
  for (const terms of words) window.whereIn('r.id', lettersContaining(db, kind, terms, within));
  return window;
}

/**
 * The letters of a branch to a whole OPD or the regency holding the words, as (kind, id), from the
 * postings alone: they carry each letter's OPD and date, so only a status filter needs the letter.
 * Testing each match against the letters table cost a superadmin 1 s for 10,000 matches of a common word.
 */
export function postedMatchesOf(
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

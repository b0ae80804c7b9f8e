import type { Knex } from 'knex';
import type { Actor } from '../rbac/policy';
import { termsContaining } from '../search/letters-containing';
import { searchWords } from '../search/search-words';
import type { ArchiveSearchInput } from './archive-input';
import { RECENT_LETTERS_PER_ROW, branchOf, postedMatchesOf, recentWindowOf } from './archive-branches';
import { itemsOf, type ArchiveItem } from './archive-items';
import { daysOfRange } from './days-of-range';
import { incomingAccessPaths } from './incoming-access-paths';
import { pageOfMatches } from './page-of-matches';
import { pageOfNewest } from './page-of-newest';
import { pageOfRecentMatches } from './page-of-recent-matches';
import { opdsReached } from './opds-reached';
import { outgoingAccessPaths } from './outgoing-access-paths';
import { FEW_LETTERS, reachMany } from './reach-many';

export const ARCHIVE_PAGE_SIZE = 20;

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
  // One branch per way the actor may reach a letter. With words, their postings lead, but a whole OPD's
  // or the regency's newest letters are tried first (pageOfRecentMatches); without, a date range
  // without an OPD reads the date index.
  const words = await Promise.all((input.q ? searchWords(input.q) : []).map((w) => termsContaining(db, w)));
  // A word no letter holds: nothing to find.
  if (words.some((w) => w.termIds?.length === 0))
    return { items: [], total: 0, totalCapped: false, page: input.page, pageSize };
  const datedOnly = Boolean((input.from || input.to) && !input.opd && !words.length);
  const reachable = [
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
        reachable.map((p) => p.path),
        fewLetters,
      )
    : reachable.map(() => false);
  // A person's many letters are matched with the words' postings of their own OPDs only. A date range
  // already narrows the postings: reading the OPDs there cost a verifier's quarter more (14 to 22 ms).
  const byOpds = !input.opd && !input.from && !input.to;
  const paths = await Promise.all(
    reachable.map(async ({ path, kind }, n) =>
      many[n] && byOpds
        ? { kind, path: { ...path, opdIds: await opdsReached(db, kind, path) } }
        : { path, kind },
    ),
  );
  const branches = paths.map(({ path, kind }, n) => branchOf(db, kind, path, input, words, many[n]));
  const windowLetters = input.page * pageSize * recentLettersPerRow;
  const recent = paths.map(({ path, kind }) => recentWindowOf(db, kind, path, input, words, windowLetters));
  // The superadmin's date range is read from the (date, sort time) index a day at a time. Not with a
  // status, which the index does not hold: each day's letters were then all read anyway, and slower.
  const days = datedOnly && !input.status ? daysOfRange(input.from, input.to) : undefined;
  const daily = paths.map(({ path, kind }) =>
    days && path.where && path.index
      ? days.map((day) => branchOf(db, kind, path, { ...input, from: day, to: day }, [], false))
      : undefined,
  );
  const { rows, total, capped } = !words.length
    ? await pageOfNewest(db, branches, daily, input.page, pageSize)
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
  return {
    items: await itemsOf(db, rows),
    total,
    totalCapped: capped,
    page: input.page,
    pageSize,
  };
}

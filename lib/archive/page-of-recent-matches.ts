import type { Knex } from 'knex';
import { countEachUpTo } from '../db/count-each-up-to';
import { countBranchesUpTo, newestOf, pageOfUnion, rowOf, type PageOfRows } from './archive-union';

/**
 * A page of the letters holding the words when some branch reaches a whole OPD or the regency. Sorting
 * all of a common word's matches there took a superadmin 11 s ("anggaran" in 165,000 letters, each
 * read for its date). Such a branch is first tried on its `recent` window, its newest letters only,
 * which are read in order and probed for the words; a window that holds the page's end gives the
 * branch's rows, and the other branches give all their matches as pageOfMatches would. The total is
 * counted up to COUNT_CAP, as without words, over `counted`: the branches, or the same matches in a
 * cheaper form.
 */
export async function pageOfRecentMatches(
  db: Knex,
  branches: Knex.QueryBuilder[],
  recent: (Knex.QueryBuilder | undefined)[],
  counted: Knex.QueryBuilder[],
  page: number,
  pageSize: number,
): Promise<PageOfRows> {
  const upTo = page * pageSize;
  // A window holding `upTo` matches holds the branch's newest `upTo`: every letter newer than its
  // oldest is in it.
  const held = (await countEachUpTo(db, recent, upTo)).map((count) => count >= upTo);
  const parts = branches.map((branch, n) => (held[n] ? newestOf(db, recent[n]!, upTo, `r${n}`) : branch));
  const [rows, count] = await Promise.all([
    pageOfUnion(db, parts, upTo, pageSize),
    countBranchesUpTo(db, counted, upTo),
  ]);
  return { rows: rows.map(rowOf), ...count };
}

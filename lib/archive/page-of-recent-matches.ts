import type { Knex } from 'knex';
import { countBranchesUpTo, newestOf, pageOfUnion, rowOf, type PageOfRows } from './archive-union';

/**
 * Which recent windows (see searchArchive) hold at least `upTo` matches, all in one statement: such a
 * window holds the branch's newest `upTo` matches, since every letter newer than its oldest is in it.
 */
async function windowsHolding(db: Knex, recent: (Knex.QueryBuilder | undefined)[], upTo: number) {
  const counted = recent.flatMap((window, n) =>
    window ? [db.from(window.clone().limit(upTo).as('x')).count('*').as(`n${n}`)] : [],
  );
  const [row] = await db.select(counted);
  return recent.map((_, n) => Number(row[`n${n}`] ?? 0) >= upTo);
}

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
  const held = await windowsHolding(db, recent, upTo);
  const parts = branches.map((branch, n) => (held[n] ? newestOf(db, recent[n]!, upTo, `r${n}`) : branch));
  const [rows, count] = await Promise.all([
    pageOfUnion(db, parts, upTo, pageSize),
    countBranchesUpTo(db, counted, upTo),
  ]);
  return { rows: rows.map(rowOf), ...count };
}

import type { Knex } from 'knex';
import { countBranchesUpTo, newestOf, pageOfUnion, rowOf, type PageOfRows } from './archive-union';

/**
 * A page of the newest letters the branches reach, without words. A path to an OPD or the regency then
 * reaches up to every letter, and sorting them all for one page took a superadmin 53 s at a million
 * letters. Each branch gives only its newest rows up to this page's end, which MariaDB reads in order
 * from the (…, updated_at) and (…, received_at) indexes; the total is counted up to COUNT_CAP.
 * A branch may be given `daily`, the same branch for each day of its date range: the newest rows of
 * each day, read from the (date, sort time) index, hold the range's newest. A superadmin's quarter took
 * 72 ms to read its 217,000 index entries whole, 12 ms a day at a time.
 */
export async function pageOfNewest(
  db: Knex,
  branches: Knex.QueryBuilder[],
  daily: (Knex.QueryBuilder[] | undefined)[],
  page: number,
  pageSize: number,
): Promise<PageOfRows> {
  const upTo = page * pageSize;
  const [rows, count] = await Promise.all([
    pageOfUnion(
      db,
      branches.flatMap((branch, n) =>
        (daily[n] ?? [branch]).map((part, k) => newestOf(db, part, upTo, `b${n}_${k}`)),
      ),
      upTo,
      pageSize,
    ),
    countBranchesUpTo(db, branches, upTo),
  ]);
  return { rows: rows.map(rowOf), ...count };
}

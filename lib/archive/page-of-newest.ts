import type { Knex } from 'knex';
import { countBranchesUpTo, newestOf, pageOfUnion, rowOf, type PageOfRows } from './archive-union';

/**
 * A page of the newest letters the branches reach, without words. A path to an OPD or the regency then
 * reaches up to every letter, and sorting them all for one page took a superadmin 53 s at a million
 * letters. Each branch gives only its newest rows up to this page's end, which MariaDB reads in order
 * from the (…, updated_at) and (…, received_at) indexes; the total is counted up to COUNT_CAP.
 */
export async function pageOfNewest(
  db: Knex,
  branches: Knex.QueryBuilder[],
  page: number,
  pageSize: number,
): Promise<PageOfRows> {
  const upTo = page * pageSize;
  const [rows, count] = await Promise.all([
    pageOfUnion(
      db,
      branches.map((branch, n) => newestOf(db, branch, upTo, `b${n}`)),
      upTo,
      pageSize,
    ),
    countBranchesUpTo(db, branches, upTo),
  ]);
  return { rows: rows.map(rowOf), ...count };
}

import type { Knex } from 'knex';
import { COUNT_CAP } from '../db/count-up-to';
import { newestFirst, rowOf, unionOf, type PageOfRows } from './archive-union';

/**
 * A page of the newest letters the branches reach, without words. A path to an OPD or the regency then
 * reaches up to every letter, and sorting them all for one page took a superadmin 53 s at a million
 * letters. Each branch gives only its newest rows up to this page's end, which MariaDB reads in order
 * from the (…, updated_at) and (…, received_at) indexes; the total is counted up to COUNT_CAP as the
 * /surat lists count theirs (a branch that holds more is enough to say "more than").
 */
export async function pageOfNewest(
  db: Knex,
  branches: Knex.QueryBuilder[],
  page: number,
  pageSize: number,
): Promise<PageOfRows> {
  const upTo = page * pageSize;
  const limited = (limit: number, ordered: boolean) =>
    branches.map((branch, n) => {
      const part = branch.clone().limit(limit);
      if (ordered) part.orderBy('sort_at', 'desc').orderBy('id', 'desc');
      return db.select('*').from(part.as(`b${n}`));
    });
  const cap = Math.max(COUNT_CAP, upTo);
  const [rows, [{ n }]] = await Promise.all([
    newestFirst(unionOf(db, limited(upTo, true)))
      .limit(pageSize)
      .offset(upTo - pageSize)
      .select('a.kind', 'a.id'),
    unionOf(db, limited(cap + 1, false)).count({ n: '*' }),
  ]);
  const counted = Number(n);
  return { rows: rows.map(rowOf), total: Math.min(counted, cap), capped: counted > cap };
}

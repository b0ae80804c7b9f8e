import type { Knex } from 'knex';
import { pageOfUnion, rowOf, unionOf, type PageOfRows } from './archive-union';

/**
 * A page of the letters holding the words, and their exact count. The matches are ordered and counted
 * narrow (kind, id, date); only the page's rows are read whole. The page carries the total (a window
 * count over the same matches), so the search runs once; only a page past the end, which has no row to
 * carry it, counts on its own.
 */
export async function pageOfMatches(
  db: Knex,
  branches: Knex.QueryBuilder[],
  page: number,
  pageSize: number,
): Promise<PageOfRows> {
  const rows = await pageOfUnion(db, branches, page * pageSize, pageSize).select(
    db.raw('count(*) over () as total'),
  );
  const [{ total }] = rows.length ? rows : await unionOf(db, branches).count({ total: '*' });
  return { rows: rows.map(rowOf), total: Number(total), capped: false };
}

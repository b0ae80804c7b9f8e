import type { Knex } from 'knex';

/** Beyond this many rows a list says "lebih dari …" instead of counting every row for its pager. */
export const COUNT_CAP = 10_000;

/**
 * The rows `query` matches, counted only up to COUNT_CAP (and at least to the end of the page being
 * shown, so a deep page still knows a next one exists): counting a million archived letters for a
 * pager costs more than the page itself. `capped` means there are more than `total` rows.
 */
export async function countUpTo(
  db: Knex,
  query: Knex.QueryBuilder,
  page: { page: number; pageSize: number },
): Promise<{ total: number; capped: boolean }> {
  const limit = Math.max(COUNT_CAP, page.page * page.pageSize);
  const rows = query
    .clone()
    .clearSelect()
    .clearOrder()
    .select(db.raw('1 as one'))
    .limit(limit + 1);
  const [{ n }] = await db.from(rows.as('counted')).count({ n: '*' });
  const counted = Number(n);
  return counted > limit ? { total: limit, capped: true } : { total: counted, capped: false };
}

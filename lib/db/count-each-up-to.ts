import type { Knex } from 'knex';

/**
 * The rows of each query, counted up to `limit` (no further: each stops reading there), all in one
 * statement; an absent query counts 0.
 */
export async function countEachUpTo(
  db: Knex,
  queries: (Knex.QueryBuilder | undefined)[],
  limit: number,
): Promise<number[]> {
  const counted = queries.flatMap((query, n) =>
    query ? [db.from(query.clone().limit(limit).as('x')).count('*').as(`n${n}`)] : [],
  );
  const [row] = counted.length ? await db.select(counted) : [{}];
  return queries.map((_, n) => Number(row[`n${n}`] ?? 0));
}

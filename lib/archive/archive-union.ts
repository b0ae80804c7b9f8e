import type { Knex } from 'knex';
import { COUNT_CAP } from '../db/count-up-to';
import type { ArchiveKind } from './archive-input';

/** The page's rows of an archive search, and how many rows match (see pageOfMatches, pageOfNewest). */
export interface PageOfRows {
  rows: { kind: ArchiveKind; id: number }[];
  total: number;
  capped: boolean;
}

/** The branches' rows as one set: UNION (not ALL) drops a letter reached twice. */
export function unionOf(db: Knex, parts: Knex.QueryBuilder[]): Knex.QueryBuilder {
  const [first, ...rest] = parts;
  return db.from(first.clone().union(rest).as('a'));
}

export const newestFirst = (query: Knex.QueryBuilder) =>
  query.orderBy('a.sort_at', 'desc').orderBy('a.kind').orderBy('a.id', 'desc');

/** A branch's newest `limit` rows, as a part a union may hold (a bare ORDER BY … LIMIT may not be one). */
export const newestOf = (db: Knex, branch: Knex.QueryBuilder, limit: number, alias: string) =>
  db.select('*').from(branch.clone().orderBy('sort_at', 'desc').orderBy('id', 'desc').limit(limit).as(alias));

/**
 * The letters the branches reach, counted up to COUNT_CAP (or the page's end, if deeper) as the /surat
 * lists count theirs: no branch is read past that, and one that holds more is enough to say "more than".
 */
export async function countBranchesUpTo(
  db: Knex,
  branches: Knex.QueryBuilder[],
  upTo: number,
): Promise<{ total: number; capped: boolean }> {
  const cap = Math.max(COUNT_CAP, upTo);
  const limited = branches.map((branch, n) =>
    db.select('kind', 'id').from(
      branch
        .clone()
        .limit(cap + 1)
        .as(`c${n}`),
    ),
  );
  const [{ n }] = await unionOf(db, limited).count({ n: '*' });
  const counted = Number(n);
  return { total: Math.min(counted, cap), capped: counted > cap };
}

/** The page ending at row `upTo` of the parts' union, newest first. */
export const pageOfUnion = (db: Knex, parts: Knex.QueryBuilder[], upTo: number, pageSize: number) =>
  newestFirst(unionOf(db, parts))
    .limit(pageSize)
    .offset(upTo - pageSize)
    .select('a.kind', 'a.id');

export const rowOf = (r: { kind: ArchiveKind; id: number | string }) => ({ kind: r.kind, id: Number(r.id) });

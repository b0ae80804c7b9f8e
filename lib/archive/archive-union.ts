import type { Knex } from 'knex';
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

export const rowOf = (r: { kind: ArchiveKind; id: number | string }) => ({ kind: r.kind, id: Number(r.id) });

import type { Knex } from 'knex';
import { fromUsingIndex } from '../db/from-using-index';
import type { ArchiveKind } from './archive-input';
import { SIDES, reachedIds } from './archive-branches';
import type { AccessPath } from './outgoing-access-paths';

/**
 * The OPDs of the letters a person's path reaches, read from the path's narrow (id, …, opd_id) index.
 * A word's postings read within them instead of the whole regency: a verifier's common word over all
 * years read 165,000 postings where their own OPD holds some 4,000.
 */
export async function opdsReached(db: Knex, kind: ArchiveKind, path: AccessPath): Promise<number[]> {
  const { table, alias } = SIDES[kind];
  const rows = await fromUsingIndex(db, table, alias, path.index)
    .whereIn(`${alias}.id`, reachedIds(db, path.ids!))
    .distinct(`${alias}.opd_id`);
  return rows.map((r) => Number(r.opd_id));
}

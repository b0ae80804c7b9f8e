import type { Knex } from 'knex';
import { countEachUpTo } from '../db/count-each-up-to';
import type { AccessPath } from './outgoing-access-paths';

/** Up to this many letters, a person's path is tested letter by letter against the words (see whereReachedHolding). */
export const FEW_LETTERS = 500;

/**
 * Which of the paths reach more than `few` letters: a person's path counted from its index, no further,
 * all in one statement; a path to an OPD or the regency is no person's and is never counted.
 */
export async function reachMany(db: Knex, paths: AccessPath[], few: number): Promise<boolean[]> {
  const counts = await countEachUpTo(
    db,
    paths.map((path) => path.ids),
    few + 1,
  );
  return counts.map((count) => count > few);
}

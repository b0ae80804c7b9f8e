import type { Knex } from 'knex';
import type { AccessPath } from './outgoing-access-paths';

/** Up to this many letters, a person's path is tested letter by letter against the words (see whereReachedHolding). */
export const FEW_LETTERS = 500;

/**
 * Which of the paths reach more than `few` letters: a person's path counted from its index, no further,
 * all in one statement; a path to an OPD or the regency is no person's and is never counted.
 */
export async function reachMany(db: Knex, paths: AccessPath[], few: number): Promise<boolean[]> {
  const counted = paths.flatMap((path, n) =>
    path.ids
      ? [
          db
            .from(
              path.ids
                .clone()
                .limit(few + 1)
                .as('x'),
            )
            .count('*')
            .as(`n${n}`),
        ]
      : [],
  );
  const [row] = counted.length ? await db.select(counted) : [{}];
  return paths.map((_, n) => Number(row[`n${n}`] ?? 0) > few);
}

import type { Knex } from 'knex';
import { describeTables } from './describe-tables';

/** Rows per application table (knex's bookkeeping left out), by table name. */
export async function countRows(db: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of await describeTables(db)) {
    counts[name] = Number((await db(name).count({ n: '*' }))[0].n);
  }
  return counts;
}

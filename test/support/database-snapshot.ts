import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { describeTables } from '../../lib/backup/describe-tables';

/** A hash of every row of every table: a refused or harmless call must leave it exactly as it was. */
export async function databaseSnapshot(db: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const { name, primaryKey } of await describeTables(db)) {
    hash.update(name).update(JSON.stringify(await db(name).orderBy(primaryKey)));
  }
  return hash.digest('hex');
}

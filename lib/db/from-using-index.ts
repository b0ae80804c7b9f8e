import type { Knex } from 'knex';
import { isMysql } from './create-knex';

/**
 * `table as alias`, on MariaDB told to read it through `index` (if one is given). MariaDB reaches rows by id through the
 * primary key even when a narrow (id, …) index answers the query's filter or order from memory, and
 * reading thousands of scattered rows to test a date is what made a person's lists slow. SQLite
 * chooses well by itself.
 */
export function fromUsingIndex(db: Knex, table: string, alias: string, index?: string): Knex.QueryBuilder {
  return index && isMysql(db)
    ? db.from(db.raw('?? as ?? force index (??)', [table, alias, index]))
    : db(`${table} as ${alias}`);
}

import type { Knex } from 'knex';
import { isMysql } from '../db/create-knex';
import type { ColumnKind } from './backup-format';
import { SKIPPED_TABLES } from './backup-format';

export interface TableShape {
  name: string;
  columns: Record<string, ColumnKind>;
  primaryKey: string[];
  /** Other tables this one's foreign keys point at. */
  references: string[];
  /** MariaDB only: the column whose AUTO_INCREMENT counter a restore must move past the loaded ids. */
  autoIncrement: string | null;
}

const kindOf = (type: string): ColumnKind =>
  /^(datetime|timestamp)/i.test(type) ? 'datetime' : /blob|binary/i.test(type) ? 'binary' : 'plain';

/**
 * The application tables as the database itself describes them, in load order: a table comes after
 * the tables it references (cycles, such as opd ↔ users, are left to deferred foreign-key checks).
 */
export async function describeTables(db: Knex): Promise<TableShape[]> {
  const shapes = isMysql(db) ? await describeMysql(db) : await describeSqlite(db);
  return orderByReferences(shapes.filter((s) => !SKIPPED_TABLES.has(s.name)));
}

async function describeSqlite(db: Knex): Promise<TableShape[]> {
  const names: string[] = await db('sqlite_master')
    .where({ type: 'table' })
    .andWhereNot('name', 'like', 'sqlite_%')
    .pluck('name');
  const shapes: TableShape[] = [];
  for (const name of names) {
    const columns: { name: string; type: string; pk: number }[] = await db.raw(`PRAGMA table_info(??)`, [
      name,
    ]);
    const keys: { table: string }[] = await db.raw(`PRAGMA foreign_key_list(??)`, [name]);
    shapes.push({
      name,
      columns: Object.fromEntries(columns.map((c) => [c.name, kindOf(c.type)])),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(keys.map((k) => k.table))],
      autoIncrement: null,
    });
  }
  return shapes;
}

async function describeMysql(db: Knex): Promise<TableShape[]> {
  const schema = db.raw('DATABASE()');
  const columns: { t: string; c: string; type: string; ckey: string; extra: string }[] = await db(
    'information_schema.COLUMNS',
  )
    .where('TABLE_SCHEMA', schema)
    .orderBy(['TABLE_NAME', 'ORDINAL_POSITION'])
    .select({ t: 'TABLE_NAME', c: 'COLUMN_NAME', type: 'DATA_TYPE', ckey: 'COLUMN_KEY', extra: 'EXTRA' });
  const keys: { t: string; c: string; ref: string | null; constraint: string }[] = await db(
    'information_schema.KEY_COLUMN_USAGE',
  )
    .where('TABLE_SCHEMA', schema)
    .orderBy(['TABLE_NAME', 'ORDINAL_POSITION'])
    .select({
      t: 'TABLE_NAME',
      c: 'COLUMN_NAME',
      ref: 'REFERENCED_TABLE_NAME',
      constraint: 'CONSTRAINT_NAME',
    });
  const byTable = new Map<string, TableShape>();
  for (const col of columns) {
    const shape = byTable.get(col.t) ?? {
      name: col.t,
      columns: {},
      primaryKey: [],
      references: [],
      autoIncrement: null,
    };
    shape.columns[col.c] = kindOf(col.type);
    if (/auto_increment/i.test(col.extra)) shape.autoIncrement = col.c;
    byTable.set(col.t, shape);
  }
  for (const key of keys) {
    const shape = byTable.get(key.t);
    if (!shape) continue;
    if (key.constraint === 'PRIMARY') shape.primaryKey.push(key.c);
    else if (key.ref && !shape.references.includes(key.ref)) shape.references.push(key.ref);
  }
  return [...byTable.values()];
}

function orderByReferences(shapes: TableShape[]): TableShape[] {
  const left = new Map([...shapes].sort((a, b) => a.name.localeCompare(b.name)).map((s) => [s.name, s]));
  const ordered: TableShape[] = [];
  while (left.size > 0) {
    const ready = [...left.values()].find((s) => s.references.every((r) => r === s.name || !left.has(r)));
    // A cycle: take the first remaining table; the load defers foreign-key checks to its commit.
    const next = ready ?? left.values().next().value!;
    ordered.push(next);
    left.delete(next.name);
  }
  return ordered;
}

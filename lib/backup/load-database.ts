import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Knex } from 'knex';
import { isMysql } from '../db/create-knex';
import type { ColumnKind, ManifestTable } from './backup-format';
import { describeTables } from './describe-tables';

const BATCH = 200;

function decode(value: unknown, kind: ColumnKind): unknown {
  if (value === null) return null;
  if (kind === 'datetime') return new Date(value as string);
  if (kind === 'binary') return Buffer.from(value as string, 'base64');
  return value;
}

/**
 * Loads the dumped rows (`<dir>/db/<table>.jsonl`) into the migrated, empty database in one
 * transaction, ids kept, tables in reference order, in place of the rows the migrations inserted
 * (`migrationSeeded`: the caller has checked there is nothing else). Foreign keys that form cycles (opd ↔ users)
 * are checked at commit on SQLite; MariaDB cannot defer them, so its checks pause for the load of
 * rows that came out of a database that enforced them.
 */
export async function loadDatabase(
  db: Knex,
  dir: string,
  tables: ManifestTable[],
  migrationSeeded: string[],
): Promise<void> {
  const mysql = isMysql(db);
  const shapes = await describeTables(db);
  const dumped = new Map(tables.map((t) => [t.name, t]));
  await db.transaction(async (trx) => {
    await trx.raw(mysql ? 'SET FOREIGN_KEY_CHECKS = 0' : 'PRAGMA defer_foreign_keys = ON');
    try {
      // The checked-empty target holds only what migrations inserted there; the archive has its own.
      for (const table of migrationSeeded) await trx(table).del();
      for (const shape of shapes) {
        const table = dumped.get(shape.name);
        if (!table || table.rows === 0) continue;
        const lines = readline.createInterface({
          input: fs.createReadStream(path.join(dir, 'db', `${shape.name}.jsonl`)),
          crlfDelay: Infinity,
        });
        let batch: Record<string, unknown>[] = [];
        for await (const line of lines) {
          const row = JSON.parse(line) as Record<string, unknown>;
          batch.push(
            Object.fromEntries(
              Object.entries(row).map(([c, v]) => [c, decode(v, table.columns[c] ?? 'plain')]),
            ),
          );
          if (batch.length === BATCH) {
            await trx(shape.name).insert(batch);
            batch = [];
          }
        }
        if (batch.length > 0) await trx(shape.name).insert(batch);
      }
    } finally {
      if (mysql) await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
    }
  });
  if (mysql) {
    // ALTER TABLE commits implicitly, so the counters move after the load's own commit.
    for (const shape of shapes.filter((s) => s.autoIncrement)) {
      const max = Number((await db(shape.name).max({ m: shape.autoIncrement! }))[0].m ?? 0);
      await db.raw(`ALTER TABLE ?? AUTO_INCREMENT = ${max + 1}`, [shape.name]);
    }
  }
}

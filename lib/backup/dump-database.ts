import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Knex } from 'knex';
import { toDate } from '../db/to-date';
import { readTransaction } from '../db/create-knex';
import type { ColumnKind, ManifestTable } from './backup-format';
import { describeTables } from './describe-tables';

const PAGE = 1000;

export interface DatabaseDump {
  migrations: string[];
  tables: ManifestTable[];
  /** SHA-256 of each written `db/<table>.jsonl`, by member name. */
  members: Record<string, string>;
}

function encode(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'datetime') return toDate(value)!.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/**
 * Writes every application table into `<dir>/db/<table>.jsonl`, one JSON object per row in primary-key
 * order, from one read transaction so the tables agree with each other.
 */
export async function dumpDatabase(db: Knex, dir: string): Promise<DatabaseDump> {
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  return readTransaction(db, async (trx) => {
    const migrations: string[] = await trx('knex_migrations').orderBy('id').pluck('name');
    const tables: ManifestTable[] = [];
    const members: Record<string, string> = {};
    for (const shape of await describeTables(trx)) {
      const member = `db/${shape.name}.jsonl`;
      const out = fs.createWriteStream(path.join(dir, member));
      const hash = createHash('sha256');
      let rows = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page: Record<string, unknown>[] = await trx(shape.name)
          .orderBy(shape.primaryKey.length ? shape.primaryKey : Object.keys(shape.columns))
          .limit(PAGE)
          .offset(offset);
        for (const row of page) {
          const line = `${JSON.stringify(
            Object.fromEntries(Object.entries(shape.columns).map(([c, kind]) => [c, encode(row[c], kind)])),
          )}\n`;
          hash.update(line);
          if (!out.write(line)) await once(out, 'drain');
        }
        rows += page.length;
        if (page.length < PAGE) break;
      }
      out.end();
      await once(out, 'close');
      tables.push({ name: shape.name, rows, columns: shape.columns });
      members[member] = hash.digest('hex');
    }
    return { migrations, tables, members };
  });
}

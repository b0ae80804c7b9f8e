import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKnex, readTransaction, type Knex } from '../../lib/db/create-knex';

/**
 * The embedded database is one SQLite file written by two processes, web and worker. Another process
 * here writes the same row in a loop while this one reads and then writes it in transactions, as the
 * services do (read the letter, then change it).
 */
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { timeout: 5000 });
const bump = db.prepare('UPDATE counter SET n = n + 1 WHERE id = 1');
const until = Date.now() + Number(process.argv[2]);
let writes = 0;
while (Date.now() < until) {
  db.exec('BEGIN IMMEDIATE');
  bump.run();
  db.exec('COMMIT');
  writes++;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
process.stdout.write(String(writes));
`;

/** Starts the other process's writes for `ms`; resolves with how many it made. */
function otherProcessWrites(filename: string, ms: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', WRITER, filename, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.once('close', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`writer exited ${code}`)),
    ),
  );
}

describe('SQLite transactions beside another writing process', () => {
  let dir: string;
  let file: string;
  let db: Knex;
  const count = async () => Number((await db('counter').where({ id: 1 }).first()).n);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-sqlite-'));
    file = path.join(dir, 'eoffice.db');
    db = createKnex({ client: 'sqlite', filename: file });
    await db.schema.createTable('counter', (t) => {
      t.integer('id').primary();
      t.integer('n').notNullable();
    });
    await db('counter').insert({ id: 1, n: 0 });
  });
  afterAll(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads, then writes, waits for the other writer instead of failing', async () => {
    const before = await count();
    const other = otherProcessWrites(file, 1_500);
    await sleep(100); // the other process is writing by now
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, async () => {
        await db.transaction(async (trx) => {
          const row = await trx('counter').where({ id: 1 }).first();
          await sleep(2);
          await trx('counter')
            .where({ id: 1 })
            .update({ n: Number(row.n) + 1 });
        });
      }),
    );
    const theirs = await other;
    expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    expect(theirs).toBeGreaterThan(0);
    // No write lost: each of ours read the value the other process had left.
    expect(await count()).toBe(before + 60 + theirs);
  });

  it('a read transaction does not hold the other writer back', async () => {
    const before = await count();
    const other = otherProcessWrites(file, 800);
    await sleep(100);
    // A second connection of this process sees what the other process commits meanwhile.
    const outside = createKnex({ client: 'sqlite', filename: file });
    try {
      const [first, later, committedMeanwhile] = await readTransaction(db, async (trx) => {
        const read = async () => Number((await trx('counter').where({ id: 1 }).first()).n);
        const atStart = await read();
        await sleep(300);
        const outsideNow = Number((await outside('counter').where({ id: 1 }).first()).n);
        return [atStart, await read(), outsideNow];
      });
      expect(later).toBe(first); // one snapshot throughout
      expect(committedMeanwhile).toBeGreaterThan(first + 10);
    } finally {
      await outside.destroy();
    }
    const theirs = await other;
    expect(await count()).toBe(before + theirs);
  });
});

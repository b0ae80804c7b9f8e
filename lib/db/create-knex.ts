import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { Config } from '../config';

export type { Knex };

export function createKnex(database: Config['database']): Knex {
  if (database.client === 'mysql') {
    const url = new URL(database.url);
    return knex({
      client: 'mysql2',
      connection: {
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.replace(/^\//, ''),
        charset: 'utf8mb4',
        // Dates are stored in UTC; the UI shows them in WIB.
        timezone: 'Z',
        // Calendar dates (a letter's date) stay 'YYYY-MM-DD' strings, as SQLite returns them.
        typeCast(field: { type: string; string(): string | null }, next: () => unknown) {
          return field.type === 'DATE' ? field.string() : next();
        },
        supportBigNumbers: true,
        // A server that does not answer fails the request in seconds (a 503), rather than mysql2's 10 s.
        connectTimeout: 5_000,
      },
      pool: { min: 0, max: 10 },
      // Waiting for a pooled connection ends in seconds too: knex's default is a minute.
      acquireConnectionTimeout: 5_000,
    });
  }
  if (database.filename !== ':memory:') fs.mkdirSync(path.dirname(database.filename), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: database.filename },
    useNullAsDefault: true,
    pool: {
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        reusePreparedStatements(conn);
        beginWritingTransactionsImmediately(conn);
        done(null, conn);
      },
    },
  });
}

interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
  /** Set while readTransaction holds the connection. */
  readsOnly?: boolean;
}

const PREPARED_STATEMENTS_KEPT = 500;

/**
 * knex prepares every SQL statement again on each query; with better-sqlite3 that was a tenth of the
 * web's CPU in the page benchmark. The connection keeps its most recently used statements instead
 * (knex only calls all() or run() on them, which leave no state behind).
 */
function reusePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const kept = new Map<string, unknown>();
  conn.prepare = (sql) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else statement = prepare(sql);
    kept.set(sql, statement);
    if (kept.size > PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    return statement;
  };
}

/**
 * knex opens a transaction with a deferred `BEGIN`: SQLite takes the write lock only at its first write,
 * and if the other process (web or worker) has written since the transaction's first read, that write
 * fails at once with SQLITE_BUSY_SNAPSHOT, busy_timeout or not. `BEGIN IMMEDIATE` waits for the write
 * lock up front instead; a connection lent to readTransaction stays deferred.
 */
function beginWritingTransactionsImmediately(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  conn.prepare = (sql) =>
    prepare(sql === 'BEGIN;' ? (conn.readsOnly ? 'BEGIN DEFERRED;' : 'BEGIN IMMEDIATE;') : sql);
}

/**
 * Runs `work` in a transaction that only reads, one snapshot throughout. On SQLite it is deferred: it
 * holds no write lock, so web and worker write on meanwhile (a backup's dump).
 */
export async function readTransaction<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (isMysql(db)) return db.transaction(work, { readOnly: true });
  const conn: SqliteConnection = await db.client.acquireConnection();
  conn.readsOnly = true;
  try {
    return await db.transaction(work, { connection: conn });
  } finally {
    conn.readsOnly = false;
    await db.client.releaseConnection(conn);
  }
}

export function isMysql(db: Knex): boolean {
  return db.client.config.client === 'mysql2';
}

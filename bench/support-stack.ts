/**
 * The stack the benches run against, as docker-compose runs it in production: a Temporal dev server
 * (the project's CLI), `eoffice worker` and `eoffice web` as separate processes of the built CLI
 * (NODE_ENV=production, so page templates are cached), over a temporary database (SQLite file, or a
 * throw-away database on a MariaDB server), migrated and seeded with the demo regency beforehand.
 * Needs `npm run build` (the benches' npm scripts build first).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createConnection } from 'mysql2/promise';
import { loadConfig, type Config } from '../lib/config';
import { createKnex } from '../lib/db/create-knex';
import { migrateLatest } from '../lib/db/migration-source';
import { initCa } from '../lib/pki/init-ca';
import { issueCertificate } from '../lib/pki/issue-certificate';
import { lazyTemporalClient } from '../lib/runtime/lazy-temporal-client';
import { seedDemo } from '../lib/seed/seed-demo';
import { FileStore } from '../lib/storage/file-store';
import { findTemporalCli } from '../lib/temporal/temporal-cli';
import { freePort } from '../test/support/free-port';
import { addClassification } from '../test/support/letters';
import { CliProcess } from '../test/support/production-cli';
import { startTemporalDevServer } from '../test/support/temporal-server';
import { PrivateMariaDb } from '../test/support/private-mariadb';
import { pidOf } from './stack-memory';

export type DatabaseKind = 'sqlite' | 'mysql';

/** Every seeded account's password. */
export const BENCH_PASSWORD = 'Bench#Sandi2026';

export interface BenchStackOptions {
  kind: DatabaseKind;
  /** The MariaDB server (mysql://user@host:port) when kind is 'mysql'. */
  server?: string;
  /** Usernames to give a signing certificate protected by `passphrase`. */
  signers?: string[];
  passphrase?: string;
}

export interface BenchStack {
  label: string;
  config: Config;
  /** The bench's own connection, for seeding and checks. */
  db: Knex;
  baseUrl: string;
  client: () => Promise<Client>;
  /** The root pid of each process of the stack (Chromium runs as children of worker and web). */
  pids: { temporal: number; worker: number; web: number };
  stop(): Promise<void>;
}

/** MariaDB server to use, if asked: --mysql[=url], BENCH_MYSQL_URL, or the server of a mysql DATABASE_URL. */
export function mysqlServer(): string | undefined {
  const flag = process.argv.find((a) => a === '--mysql' || a.startsWith('--mysql='));
  if (flag) return flag.includes('=') ? flag.slice('--mysql='.length) : 'mysql://root@127.0.0.1:3306';
  if (process.env.BENCH_MYSQL_URL) return process.env.BENCH_MYSQL_URL;
  const url = process.env.DATABASE_URL;
  if (url && /^(mysql|mariadb):/.test(url)) {
    const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
    u.pathname = '';
    return u.toString().replace(/\/$/, '');
  }
  return undefined;
}

export interface BenchMariaDb {
  url: string;
  /** What its memory and CPU are called in the tables, and its pid. */
  component: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * The MariaDB a bench whose memory counts runs on: for a bare --mysql, a private server of its own with
 * MariaDB's default 128M buffer pool, so what it takes is the stack's alone; otherwise the server named
 * (mysqlServer), counted whole though other databases share it.
 */
export async function benchMariaDb(): Promise<BenchMariaDb | undefined> {
  if (process.argv.includes('--mysql')) {
    const server = await PrivateMariaDb.create({ bufferPoolSize: '128M' });
    return {
      url: server.serverUrl,
      component: 'MariaDB server (its own)',
      pid: server.pid,
      stop: () => server.destroy(),
    };
  }
  const url = mysqlServer();
  if (!url) return undefined;
  return {
    url,
    component: 'MariaDB server (whole, shared)',
    pid: pidOf('mariadbd'),
    stop: async () => undefined,
  };
}

/** The pid of the process whose command line has every one of `parts` (the dev server is a grandchild). */
export function findPid(parts: string[]): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parts.every((p) => cmdline.includes(p))) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

async function throwAwayDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `eoffice_bench_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${server}/${name}`,
    async drop() {
      const conn = await createConnection(server);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const { kind, server } = options;
  // A Temporal server per stack: letter ids (and so workflow ids letter-<id>) restart at 1.
  const temporal = await startTemporalDevServer();
  const address = temporal.connection.options.address;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-bench-'));
  const database = kind === 'mysql' ? await throwAwayDatabase(server!) : undefined;
  const passthrough = ['CHROMIUM_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'PDF_POOL_SIZE'] as const;
  const env: Record<string, string> = {
    ...Object.fromEntries(passthrough.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
    NODE_ENV: 'production',
    CA_KEY_SECRET: randomBytes(24).toString('hex'),
    // Production's default: request logging is part of the cost.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DATABASE_URL: database?.url ?? '',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `bench-${kind}-${Date.now()}`,
    // The production default unless set: each signature unlocks the signer's key (PBKDF2) once, in web.
    P12_KDF_ITERATIONS: process.env.P12_KDF_ITERATIONS ?? '',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    WORKER_METRICS_PORT: '0',
    SEED_DEMO: 'false',
    // BENCH_CPU_PROF=<dir>: worker and web write a V8 CPU profile there when they stop.
    ...(process.env.BENCH_CPU_PROF
      ? {
          BENCH_CPU_PROF: path.resolve(process.env.BENCH_CPU_PROF),
          NODE_OPTIONS: `--require ${path.join(__dirname, 'support-cpu-profile.js')}`,
        }
      : {}),
  };
  const config = loadConfig(env);
  const db = createKnex(config.database);
  const client = lazyTemporalClient(config);
  const started: CliProcess[] = [];
  const stop = async () => {
    for (const p of started.reverse()) await p.stop();
    await client()
      .then((c) => c.connection.close())
      .catch(() => undefined);
    await db.destroy();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
    await temporal.teardown();
  };
  try {
    await migrateLatest(db);
    await seedDemo(db, { password: BENCH_PASSWORD, hashMemoryKib: 1024 });
    await initCa(config.pki);
    await addClassification(db);
    const files = new FileStore(db, config.filesDir);
    for (const username of options.signers ?? []) {
      const user = await db('users').where({ username }).first('id');
      await issueCertificate(
        { db, files, pki: config.pki, publicUrl: config.publicUrl },
        { userId: Number(user.id), passphrase: options.passphrase!, actorId: null },
      );
    }
    const worker = new CliProcess(['worker'], env);
    started.push(worker);
    const { web, baseUrl } = await startWeb(env);
    started.push(web);
    await waitForPolling(worker, config);
    const temporalPid = findPid(['--port', address.split(':')[1]]);
    if (temporalPid === undefined) throw new Error(`no process of ${findTemporalCli()} on ${address}`);
    return {
      label: kind === 'sqlite' ? 'SQLite (temp file)' : `MariaDB (${server!.replace(/\/\/[^@]*@/, '//')})`,
      config,
      db,
      baseUrl,
      client,
      pids: { temporal: temporalPid, worker: worker.pid, web: web.pid },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `eoffice web` on a free port; again on another if that one was taken meanwhile (other stacks run). */
async function startWeb(env: Record<string, string>): Promise<{ web: CliProcess; baseUrl: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const web = new CliProcess(['web'], { ...env, PORT: String(port), PUBLIC_URL: baseUrl });
    for (const deadline = Date.now() + 60_000; ;) {
      const res = await fetch(`${baseUrl}/login`).catch(() => undefined);
      if (res?.ok) return { web, baseUrl };
      if (web.hasExited && attempt < 3 && web.output().includes('EADDRINUSE')) break;
      if (web.hasExited || Date.now() > deadline) {
        await web.stop();
        throw new Error(`eoffice web did not start\n${web.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The worker is up once the server sees a poller on the task queue. */
async function waitForPolling(worker: CliProcess, config: Config): Promise<void> {
  const client = await lazyTemporalClient(config)();
  try {
    for (const deadline = Date.now() + 60_000; ;) {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: config.temporal.namespace,
        taskQueue: { name: config.temporal.taskQueue },
      });
      if (pollers.length > 0) return;
      if (worker.hasExited || Date.now() > deadline)
        throw new Error(`eoffice worker did not start\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.connection.close();
  }
}

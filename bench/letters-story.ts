/**
 * The outgoing-letter story end to end on an embedded stack, in one process: a Temporal dev server (the
 * project's CLI), the real worker, the Koa app on a free port and a temporary database (SQLite; also
 * MariaDB with --mysql[=server-url], BENCH_MYSQL_URL or a mysql DATABASE_URL, in a throw-away database
 * on that server). Scripted actors of four OPDs drive N letters, CONCURRENCY at a time, through the HTTP
 * API: draft, two verifiers, numbering (the suggested number, retried if another admin took it), signing
 * with a real certificate, delivery to three OPDs. Then, quietly and interleaved, one approve request
 * (HTTP POST /verify) beside a bare Temporal Update round trip on the same server (saveDraft through the
 * client, no HTTP) and a bare Query.
 * Run: npm run bench:letters   (N=30, CONCURRENCY=4, APPROVALS=40 by default)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker as Thread, workerData } from 'node:worker_threads';
import { createConnection } from 'mysql2/promise';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app';
import { loadConfig, type Config } from '../lib/config';
import { createKnex } from '../lib/db/create-knex';
import { migrateLatest } from '../lib/db/migration-source';
import { createLogger } from '../lib/logger';
import { BrowserPool } from '../lib/pdf/browser-pool';
import { initCa } from '../lib/pki/init-ca';
import { issueCertificate } from '../lib/pki/issue-certificate';
import { lazyTemporalClient } from '../lib/runtime/lazy-temporal-client';
import { seedDemo } from '../lib/seed/seed-demo';
import { FileStore } from '../lib/storage/file-store';
import { findTemporalCli } from '../lib/temporal/temporal-cli';
import { createWorker } from '../lib/worker/create-worker';
import { TEMPLATES } from '../templates';
import { PageRenderer } from '../web/render';
import { saveDraftUpdate, stateQuery } from '../workflows/outgoing-letter';
import { letterWorkflowId, type LetterContent } from '../workflows/outgoing-letter-types';
import {
  castMembers,
  driveLetter,
  letterBody,
  LettersApi,
  continueLetter,
  type ApiResponse,
  type DrivenLetter,
  type StoryCast,
} from '../test/support/letter-story';
import { addClassification, opdIds } from '../test/support/letters';
import { startTemporalDevServer } from '../test/support/temporal-server';

const N = Number(process.env.N ?? 30);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const APPROVALS = Math.max(30, Number(process.env.APPROVALS ?? 40));
const WARMUP = 6;
const PASSWORD = 'Bench#Sandi2026';
const PASSPHRASE = 'Bench-TandaTangan#2026';
/** Low on purpose (the configuration's minimum): the bench measures the workflow, not the KDF. */
const P12_KDF_ITERATIONS = process.env.P12_KDF_ITERATIONS ?? '10000';
/** The drafting OPDs; each letter goes to three other OPDs. */
const OPDS = ['DISKOMINFO', 'DISDIK', 'DINKES', 'BAPPEDA'];
const ALL_OPDS = ['SETDA', 'DISKOMINFO', 'DISDIK', 'DINKES', 'BAPPEDA', 'BPKAD'];

const castOf = (code: string): StoryCast => {
  const c = code.toLowerCase();
  return {
    drafter: `staf1.${c}`,
    verifiers: [`verifikator1.${c}`, `verifikator2.${c}`],
    admin: `admin.${c}`,
    signer: `kepala.${c}`,
    passphrase: PASSPHRASE,
  };
};

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

function row(name: string, ms: number[], bare?: number[]) {
  const a = stats(ms);
  const ratio = bare ? `${(a.median / stats(bare).median).toFixed(2)}x` : '';
  return `${name.padEnd(40)} ${String(a.n).padStart(4)} ${a.median.toFixed(1).padStart(9)} ${a.p95.toFixed(1).padStart(9)} ${ratio.padStart(8)}`;
}

/** MariaDB server to use, if asked: --mysql[=url], BENCH_MYSQL_URL, or the server of a mysql DATABASE_URL. */
function mysqlServer(): string | undefined {
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

/** Where a letter stands now (after a failed step), from its detail; undefined if it was never created. */
async function currentLetter(
  api: LettersApi,
  drafter: string,
  letterId: number | undefined,
): Promise<DrivenLetter | undefined> {
  // The creation itself failed: start a new letter.
  if (letterId === undefined) return undefined;
  const { state } = (await api.expect(drafter, 'get', `/api/v1/letters/${letterId}`)).body;
  return { id: letterId, versionNo: state.versionNo, number: state.number, status: state.status };
}

/**
 * The real worker (createWorker) on a thread of its own, as `eoffice start` forks it into a process of
 * its own: better-sqlite3 waits for a lock synchronously, so a worker and web sharing one event loop
 * over one SQLite file would stall each other for the whole busy timeout.
 */
async function startWorkerThread(config: Config): Promise<{ stop(): Promise<void> }> {
  const thread = new Thread(__filename, { workerData: { config } });
  const message = (kind: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (m: { kind: string; error?: string }) => {
        if (m.kind === 'failed') reject(new Error(`worker thread: ${m.error}`));
        else if (m.kind === kind) resolve();
        else return;
        thread.off('message', onMessage);
      };
      thread.on('message', onMessage);
      thread.once('error', reject);
    });
  await message('running');
  return {
    async stop() {
      const stopped = message('stopped');
      thread.postMessage('stop');
      await stopped;
      await thread.terminate();
    },
  };
}

/** The thread's side: run the worker until told to stop, then close what it holds. */
async function workerThreadMain(config: Config): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const running = await createWorker(config);
  const run = running.worker.run();
  parentPort!.once('message', () => running.worker.shutdown());
  parentPort!.postMessage({ kind: 'running' });
  await run;
  await running.close();
  parentPort!.postMessage({ kind: 'stopped' });
}

interface Outcome {
  label: string;
  lines: string[];
}

/** One full run (story, then approve vs bare Update) on one database; cleans up after itself. */
async function runOn(kind: 'sqlite' | 'mysql', server?: string): Promise<Outcome> {
  // A Temporal server per database: letter ids (and so workflow ids letter-<id>) restart at 1.
  const env = await startTemporalDevServer();
  const temporalAddress = env.connection.options.address;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-bench-letters-'));
  let databaseUrl = '';
  let dropDatabase = async () => {};
  if (kind === 'mysql') {
    const name = `eoffice_bench_${randomBytes(6).toString('hex')}`;
    const admin = await createConnection(server!);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    databaseUrl = `${server}/${name}`;
    dropDatabase = async () => {
      const conn = await createConnection(server!);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    };
  }
  const passthrough = ['CHROMIUM_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'PDF_POOL_SIZE'] as const;
  const config: Config = loadConfig({
    ...Object.fromEntries(passthrough.map((k) => [k, process.env[k]])),
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-letters-${kind}-${Date.now()}`,
    P12_KDF_ITERATIONS,
    PASSWORD_HASH_MEMORY_KIB: '1024',
  });
  const db = createKnex(config.database);
  const files = new FileStore(db, config.filesDir);
  const pdf = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: 1 });
  const client = lazyTemporalClient(config);
  let httpServer: Server | undefined;
  let workerThread: { stop(): Promise<void> } | undefined;
  try {
    await migrateLatest(db);
    await seedDemo(db, { password: PASSWORD, hashMemoryKib: 1024 });
    await initCa(config.pki);
    await addClassification(db);
    for (const code of OPDS) {
      const head = await db('users')
        .where({ username: castOf(code).signer })
        .first('id');
      await issueCertificate(
        { db, files, pki: config.pki, publicUrl: config.publicUrl },
        { userId: Number(head.id), passphrase: PASSPHRASE, actorId: null },
      );
    }
    const opd = await opdIds(db);

    workerThread = await startWorkerThread(config);
    const app = createApp({
      config,
      db,
      files,
      pdf,
      logger: createLogger('silent'),
      pages: new PageRenderer({ instanceName: 'e-Office Bench', cache: true }),
      temporalClient: client,
    });
    httpServer = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => httpServer!.once('listening', resolve));
    const api = new LettersApi(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
    await api.login([...new Set(OPDS.flatMap((c) => castMembers(castOf(c))))], PASSWORD);

    const bodyFor = (code: string, subject: string) =>
      letterBody(
        {
          recipients: ALL_OPDS.filter((c) => c !== code)
            .slice(0, 3)
            .map((c) => opd[c]),
        },
        { subject },
      );
    // Warm-up: bundle loaded, Chromium started, every code path run once.
    for (const code of OPDS) {
      await driveLetter(api, castOf(code), 'sent', { body: bodyFor(code, 'Pemanasan') });
    }

    // ---- The story: N letters, CONCURRENCY at a time, each to 'sent'. ----
    const underLoad: number[] = [];
    let numberRetries = 0;
    let next = 0;
    const start = process.hrtime.bigint();
    /** Steps that failed and were done again, as a person would (re-entering the passphrase), by message. */
    const failures = new Map<string, number>();
    const actor = async () => {
      for (let i = next++; i < N; i = next++) {
        const code = OPDS[i % OPDS.length];
        const cast = castOf(code);
        let numbered = 0;
        let createdId: number | undefined;
        const onStep = (step: string, res: ApiResponse) => {
          if (step === 'create') createdId = Number(res.body.id);
          if (step === 'approve') underLoad.push(res.ms);
          if (step === 'number' && numbered++ > 0) numberRetries++;
        };
        let letter: DrivenLetter | undefined;
        for (let attempt = 1; ; attempt++) {
          try {
            letter = letter
              ? await continueLetter(api, cast, letter, 'sent', { onStep })
              : await driveLetter(api, cast, 'sent', { body: bodyFor(code, `Surat bench ${i + 1}`), onStep });
            break;
          } catch (err) {
            const message = (err as Error).message
              .replace(/\/letters\/\d+\//, '/letters/:id/')
              .replace(/ as \S+/, '');
            failures.set(message, (failures.get(message) ?? 0) + 1);
            if (attempt >= 5) throw err;
            letter = await currentLetter(api, cast.drafter, createdId);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, actor));
    const storySeconds = Number(process.hrtime.bigint() - start) / 1e9;

    // ---- One approve vs a bare Update, interleaved on a quiet stack. ----
    const cast = castOf('DISKOMINFO');
    const rounds = APPROVALS + WARMUP;
    const pending = [];
    for (let i = 0; i < Math.ceil(rounds / 2); i++) {
      pending.push(
        await driveLetter(api, cast, 'verifying', { body: bodyFor('DISKOMINFO', `Ukur ${i + 1}`) }),
      );
    }
    const draft = await driveLetter(api, cast, 'draft', { body: bodyFor('DISKOMINFO', 'Konsep ukur') });
    const handle = (await client()).workflow.getHandle(letterWorkflowId(draft.id));
    const content: LetterContent = {
      kind: 'surat-dinas',
      subject: 'Konsep ukur',
      sifat: 'penting',
      urgency: 'segera',
      classification: '000.1.2',
      fields: { ...TEMPLATES['surat-dinas'].example },
      recipientOpdIds: [opd.DISDIK, opd.DINKES, opd.SETDA],
      ccOpdIds: [],
    };
    const approve: number[] = [];
    const bare: number[] = [];
    const query: number[] = [];
    let version = draft.versionNo;
    for (let i = 0; i < rounds; i++) {
      const letter = pending[Math.floor(i / 2)];
      const res = await api.expect(cast.verifiers[i % 2], 'post', `/api/v1/letters/${letter.id}/verify`, {
        baseVersionNo: letter.versionNo,
        decision: 'approve',
      });
      approve.push(res.ms);
      let t0 = process.hrtime.bigint();
      const state = await handle.executeUpdate(saveDraftUpdate, {
        args: [{ actorId: api.id(cast.drafter), baseVersionNo: version, content }],
      });
      bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
      version = state.versionNo;
      t0 = process.hrtime.bigint();
      await handle.query(stateQuery);
      query.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    for (const list of [approve, bare, query]) list.splice(0, WARMUP);
    const sent = await db('letters').where({ status: 'sent' }).count('* as n');

    const a = stats(approve);
    const b = stats(bare);
    return {
      label: kind === 'sqlite' ? 'SQLite (temp file)' : `MariaDB (${server!.replace(/\/\/[^@]*@/, '//')})`,
      lines: [
        `story: ${N} letters, ${CONCURRENCY} at a time, actors of ${OPDS.length} OPDs; each: draft → 2 verifiers → numbering → signing → delivery to 3 OPDs`,
        `  ${Number(sent[0].n)} letters sent in the database (incl. ${OPDS.length} warm-up); story time ${storySeconds.toFixed(1)} s → ${((N / storySeconds) * 60).toFixed(1)} letters per minute; ${numberRetries} number retries (suggestion taken meanwhile)`,
        ...[...failures].map(([m, n]) => `  failed and done again ${n}x: ${m}`),
        '',
        `${'operation'.padEnd(40)} ${'n'.padStart(4)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'vs bare'.padStart(8)}`,
        row('approve (HTTP POST /verify)', approve, bare),
        row('  bare Update (saveDraft via client)', bare),
        row('  bare Query (state via client)', query),
        row('approve under story load (info)', underLoad, bare),
        '',
        `approve / bare Update: median ${(a.median / b.median).toFixed(2)}x, p95 ${(a.p95 / b.p95).toFixed(2)}x (aim: within 2x)`,
      ],
    };
  } finally {
    httpServer?.close();
    await workerThread?.stop();
    await client()
      .then((c) => c.connection.close())
      .catch(() => undefined);
    await pdf.close();
    await db.destroy();
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
    await env.teardown();
  }
}

async function main() {
  // The worker's state changes and its bundler statistics would drown the table.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = mysqlServer();
  const outcomes: Outcome[] = [];
  const cli = execFileSync(findTemporalCli(), ['--version'], { encoding: 'utf8' }).trim();
  outcomes.push(await runOn('sqlite'));
  if (server) outcomes.push(await runOn('mysql', server));
  const cpus = os.cpus();
  const sample = loadConfig({ DATABASE_URL: '', PDF_POOL_SIZE: process.env.PDF_POOL_SIZE });
  const lines = [
    `e-Office letters story benchmark — ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`,
    `${cli.split('\n')[0]}: dev server, in-memory; real worker and activities; Koa app over HTTP on 127.0.0.1`,
    `PKCS#12 KDF ${P12_KDF_ITERATIONS} iterations (low, bench only); PDF pool ${sample.pdf.poolSize} Chromium page(s) in the worker`,
  ];
  for (const o of outcomes) lines.push('', `== ${o.label}`, ...o.lines);
  process.stdout.write(lines.join('\n') + '\n');
}

if (isMainThread)
  main().then(
    // Everything is closed; exit even if a library left a timer behind.
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    },
  );
else
  workerThreadMain((workerData as { config: Config }).config).catch((err) => {
    parentPort!.postMessage({ kind: 'failed', error: (err as Error).stack });
  });

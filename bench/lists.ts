/**
 * The lists at a million letters, in MariaDB: the inbox (/surat and /surat-masuk), the archive search
 * and the dashboard counters, each timed as the function the pages call and as the bare SQL that
 * function issues (captured from knex, replayed through a raw mysql2 connection) in the same run.
 *
 * Run: npm run bench:lists [-- --fresh] [-- --explain]
 *   --fresh    rebuild the data set even if the database already holds it
 *   --explain  print MariaDB's EXPLAIN of every captured statement
 *   --only=x   only the cases whose query or caller contains x ('reindex': the backfill's rate)
 *   LETTERS=1000000 ITERATIONS=200 BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306
 */
import { createConnection, type Connection } from 'mysql2/promise';
import type { Knex } from 'knex';
import { createKnex } from '../lib/db/create-knex';
import { migrateLatest } from '../lib/db/migration-source';
import { searchArchive } from '../lib/archive/search-archive';
import { indexArchiveText } from '../lib/search/index-archive-text';
import { listIncoming } from '../lib/incoming/list-incoming';
import { listLetters } from '../lib/letters/list-letters';
import type { Actor } from '../lib/rbac/policy';
import { countTasks } from '../lib/tasks/count-tasks';
import { PER_OPD, SUPERADMIN_ID, generateLists } from './lists-data';
import { machineLine } from './machine-line';
import { checkSearchPostings, generateSearchPostings } from './lists-search-data';
import { stats } from './support-stats';
import { runBench } from './run-bench';

const SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const DATABASE = 'eoffice_bench_lists';
const LETTERS = Number(process.env.LETTERS ?? 1_000_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 200);
const WARMUP = 20;
/** Letters of each kind the backfill rate is measured on. */
const REINDEXED = 20_000;
/** A slow case stops after this long (with at least MIN_SAMPLES), so a regression cannot stall the run. */
const CASE_BUDGET_MS = 20_000;
const MIN_SAMPLES = 20;
const TARGET_P95_MS = 50;
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
/** What --explain prints of each step of MariaDB's plan. */
const PLAN_COLUMNS = ['id', 'select_type', 'table', 'type', 'key', 'rows', 'Extra'];

/** The callers, all in OPD 1 (see lists-data.ts for who is who). */
const CALLERS: Record<string, Actor> = {
  asn: { id: 13, opdId: 1, roles: ['asn'] },
  verifier: { id: 3, opdId: 1, roles: ['verifikator'] },
  'opd admin': { id: 2, opdId: 1, roles: ['admin_opd'] },
  superadmin: { id: SUPERADMIN_ID, opdId: null, roles: ['superadmin'] },
};

interface Case {
  query: string;
  caller: keyof typeof CALLERS;
  run: (db: Knex, actor: Actor) => Promise<unknown>;
}

interface Statement {
  sql: string;
  bindings: unknown[];
}

function casesAt(now: Date): Case[] {
  const page = { page: 1, pageSize: 20 };
  // Three months ending a month ago: a typical "what did we write this quarter" search.
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const archive = { q: 'anggaran', from: day(120), to: day(30), page: 1 };
  const letters =
    (box: 'drafts' | 'archive'): Case['run'] =>
    (db, actor) =>
      listLetters(db, actor, { box, ...page });
  const incoming =
    (box: 'opd' | 'mine'): Case['run'] =>
    (db, actor) =>
      listIncoming(db, actor, { box, ...page });
  const search: Case['run'] = (db, actor) => searchArchive(db, actor, archive);
  const searchAllYears: Case['run'] = (db, actor) => searchArchive(db, actor, { q: archive.q, page: 1 });
  const quarter: Case['run'] = (db, actor) =>
    searchArchive(db, actor, { from: archive.from, to: archive.to, page: 1 });
  // What /arsip shows first: every letter the reader may open, newest first.
  const browse: Case['run'] = (db, actor) => searchArchive(db, actor, { page: 1 });
  const counters: Case['run'] = (db, actor) => countTasks(db, actor, now);
  return [
    { query: '/surat konsep', caller: 'asn', run: letters('drafts') },
    { query: '/surat konsep', caller: 'verifier', run: letters('drafts') },
    { query: '/surat arsip', caller: 'asn', run: letters('archive') },
    { query: '/surat arsip', caller: 'opd admin', run: letters('archive') },
    { query: '/surat arsip', caller: 'superadmin', run: letters('archive') },
    { query: '/surat-masuk saya', caller: 'asn', run: incoming('mine') },
    { query: '/surat-masuk saya', caller: 'verifier', run: incoming('mine') },
    { query: '/surat-masuk opd', caller: 'opd admin', run: incoming('opd') },
    { query: 'arsip "anggaran" 3 bln', caller: 'asn', run: search },
    { query: 'arsip "anggaran" 3 bln', caller: 'verifier', run: search },
    { query: 'arsip "anggaran" 3 bln', caller: 'opd admin', run: search },
    { query: 'arsip "anggaran" 3 bln', caller: 'superadmin', run: search },
    { query: 'arsip "anggaran" semua tahun', caller: 'asn', run: searchAllYears },
    { query: 'arsip "anggaran" semua tahun', caller: 'verifier', run: searchAllYears },
    { query: 'arsip "anggaran" semua tahun', caller: 'opd admin', run: searchAllYears },
    { query: 'arsip "anggaran" semua tahun', caller: 'superadmin', run: searchAllYears },
    { query: 'arsip 3 bln tanpa kata', caller: 'asn', run: quarter },
    { query: 'arsip 3 bln tanpa kata', caller: 'verifier', run: quarter },
    { query: 'arsip 3 bln tanpa kata', caller: 'opd admin', run: quarter },
    { query: 'arsip 3 bln tanpa kata', caller: 'superadmin', run: quarter },
    { query: 'arsip tanpa kata', caller: 'asn', run: browse },
    { query: 'arsip tanpa kata', caller: 'verifier', run: browse },
    { query: 'arsip tanpa kata', caller: 'opd admin', run: browse },
    { query: 'arsip tanpa kata', caller: 'superadmin', run: browse },
    { query: 'dashboard counters', caller: 'asn', run: counters },
    { query: 'dashboard counters', caller: 'verifier', run: counters },
    { query: 'dashboard counters', caller: 'opd admin', run: counters },
    { query: 'dashboard counters', caller: 'superadmin', run: counters },
  ];
}

async function sample(fn: () => Promise<unknown>): Promise<number[]> {
  const warming = Date.now();
  for (let i = 0; i < WARMUP && (i === 0 || Date.now() - warming < CASE_BUDGET_MS / 4); i++) await fn();
  const out: number[] = [];
  const started = Date.now();
  while (out.length < ITERATIONS && (out.length < MIN_SAMPLES || Date.now() - started < CASE_BUDGET_MS)) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** The statements `run` sends, in order, as knex hands them to the driver. */
async function capture(db: Knex, run: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) =>
    statements.push({ sql: q.sql, bindings: [...(q.bindings ?? [])] });
  db.on('query', listener);
  try {
    await run();
  } finally {
    db.removeListener('query', listener);
  }
  return statements;
}

/** How fast the upgrade's backfill (reindexArchive's batches) indexes letters: it rewrites the first ones. */
async function reindexRate(db: Knex): Promise<string> {
  const rates = [];
  for (const kind of ['keluar', 'masuk'] as const) {
    const ids = Array.from({ length: REINDEXED }, (_, i) => i + 1);
    const started = Date.now();
    await indexArchiveText(db, kind, ids);
    rates.push(`${kind} ${Math.round((REINDEXED * 1000) / (Date.now() - started))}/s`);
  }
  return `search index backfill (${REINDEXED.toLocaleString('en')} letters of each kind): ${rates.join(', ')}\n`;
}

/**
 * Whether the database already holds this size of data set, completely (the search postings come last;
 * a data set from before them is made anew, which is far quicker than the upgrade's backfill of it).
 */
async function holdsData(conn: Connection): Promise<boolean> {
  const [tables] = await conn.query(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'search_postings'",
    [DATABASE],
  );
  if (Number((tables as { n: number }[])[0].n) === 0) return false;
  const [rows] = await conn.query(
    'SELECT (SELECT max(id) FROM letters) AS letters, EXISTS (SELECT 1 FROM search_term_suffixes) AS indexed',
  );
  const [{ letters, indexed }] = rows as { letters: number | null; indexed: number }[];
  return Number(letters) === LETTERS && Number(indexed) === 1;
}

async function counts(conn: Connection): Promise<string> {
  const tables = [
    'users',
    'letters',
    'letter_steps',
    'letter_recipients',
    'incoming_letters',
    'dispositions',
    'search_postings',
  ];
  const [rows] = await conn.query(
    tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL '),
  );
  return (rows as { t: string; n: number }[])
    .map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`)
    .join(', ');
}

const fmt = (ms: number) => ms.toFixed(2).padStart(9);

async function main() {
  const fresh = process.argv.includes('--fresh');
  const explain = process.argv.includes('--explain');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const server = await createConnection(SERVER);
  await server.query(
    `CREATE DATABASE IF NOT EXISTS ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  const conn = await createConnection({
    uri: `${SERVER}/${DATABASE}`,
    timezone: 'Z',
    supportBigNumbers: true,
  });
  const db = createKnex({ client: 'mysql', url: `${SERVER}/${DATABASE}` });
  try {
    const reuse = !fresh && (await holdsData(conn));
    if (!reuse) {
      await server.query(`DROP DATABASE ${DATABASE}`);
      await server.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.changeUser({ database: DATABASE });
    }
    // Also applies index migrations added since the data was generated.
    const migrating = Date.now();
    const applied = await migrateLatest(db);
    const migratedIn = seconds(migrating);
    let generation = 'reused the existing data';
    if (!reuse) {
      const started = Date.now();
      await generateLists(conn, LETTERS, new Date());
      const indexing = Date.now();
      await generateSearchPostings(conn);
      generation = `generated in ${seconds(started)} s, its search postings in ${seconds(indexing)} s`;
    } else if (applied.length) {
      generation += `, then migrated in ${migratedIn} s: ${applied.join(', ')}`;
    }
    // The search reads the postings alone: they must be what the indexer would have written.
    await checkSearchPostings(db);
    // The data's "now": its newest letter, so the counters' overdue split is the same on every run.
    const [[{ now }]] = (await conn.query('SELECT max(created_at) AS now FROM letters')) as unknown as [
      { now: Date }[],
    ];

    // The buffer pool decides how much of the data set is served from memory: it belongs in the figures.
    const [[{ version, pool }]] = (await conn.query(
      'SELECT version() AS version, @@innodb_buffer_pool_size DIV 1048576 AS pool',
    )) as unknown as [{ version: string; pool: number }[]];
    const header =
      `${'query'.padEnd(24)} ${'caller'.padEnd(11)} ${'n'.padStart(4)} ${'median ms'.padStart(9)} ` +
      `${'p95 ms'.padStart(9)} ${'bare med'.padStart(9)} ${'bare p95'.padStart(9)}  stmts`;
    const lines = [
      `e-Office list benchmark — ${machineLine()}`,
      `MariaDB ${version} (buffer pool ${pool} MiB)`,
      `data: ${await counts(conn)}; ${generation}`,
      `target: p95 < ${TARGET_P95_MS} ms; ${PER_OPD} users per OPD; callers in OPD 1`,
      '',
      header,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    let misses = 0;
    for (const c of casesAt(now).filter((k) => !only || `${k.query} ${k.caller}`.includes(only))) {
      const actor = CALLERS[c.caller];
      const statements = await capture(db, () => c.run(db, actor));
      if (explain) {
        for (const s of statements) {
          const [plan] = await conn.query(`EXPLAIN ${s.sql}`, s.bindings);
          process.stdout.write(`\n-- ${c.query} / ${c.caller}\n${conn.format(s.sql, s.bindings)}\n`);
          for (const step of plan as Record<string, unknown>[])
            process.stdout.write(`  ${PLAN_COLUMNS.map((k) => `${k}=${step[k] ?? ''}`).join(' ')}\n`);
        }
      }
      const fnSamples = await sample(() => c.run(db, actor));
      const fn = stats(fnSamples);
      const bareSamples = await sample(async () => {
        for (const s of statements) await conn.query(s.sql, s.bindings);
      });
      const bare = stats(bareSamples);
      if (fn.p95 >= TARGET_P95_MS) misses++;
      process.stdout.write(
        `${c.query.padEnd(24)} ${c.caller.padEnd(11)} ${String(fnSamples.length).padStart(4)} ` +
          `${fmt(fn.median)} ${fmt(fn.p95)} ${fmt(bare.median)} ${fmt(bare.p95)}  ${statements.length}` +
          `${fn.p95 >= TARGET_P95_MS ? '  ← over target' : ''}\n`,
      );
    }
    process.stdout.write(
      `\n${misses ? `${misses} case(s) over` : 'every case under'} the ${TARGET_P95_MS} ms p95 target\n`,
    );
    if (!only || 'reindex'.includes(only)) process.stdout.write(await reindexRate(db));
  } finally {
    await db.destroy();
    await conn.end();
    await server.end();
  }
}

runBench(main);

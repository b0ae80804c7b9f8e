/**
 * Pages under 50 concurrent users: the dashboard `/` and the inbox `/surat-masuk` of `eoffice web`
 * (support-stack.ts: production mode, its own process) on SQLite, and on MariaDB with --mysql[=url].
 * Every OPD's inbox holds INCOMING_PER_OPD delivered letters, DISPOSITIONS_PER_PERSON of them disposed by
 * its head to each of its other people; 50 different people hold a browser session each, and each of
 * autocannon's 50 connections sends the cookie of another one for DURATION seconds per page.
 * Run: npm run bench:pages   (DURATION=10, INCOMING_PER_OPD=200, DISPOSITIONS_PER_PERSON=20 by default)
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { SESSION_COOKIE } from '../api/context';
import { createSession } from '../lib/auth/sessions';
import { createDeliveredIncoming, disposeForTest, OPD_PEOPLE, opdPeople } from '../test/support/incoming';
import { stats } from './support-stats';
import { machineLine } from './machine-line';
import { mysqlServer, startBenchStack, type DatabaseKind } from './support-stack';
import { runBench } from './run-bench';

const DURATION = Number(process.env.DURATION ?? 10);
const USERS = 50;
const INCOMING_PER_OPD = Number(process.env.INCOMING_PER_OPD ?? 200);
const DISPOSITIONS_PER_PERSON = Number(process.env.DISPOSITIONS_PER_PERSON ?? 20);
const PAGES = ['/', '/surat-masuk'];

/** The seeded regency has 49 accounts: one more staff member of Setda makes 50 people. */
async function addFiftiethUser(db: Knex): Promise<void> {
  const { id, ...model } = await db('users').where({ username: 'staf3.setda' }).first();
  const [newId] = await db('users').insert({
    ...model,
    username: 'staf4.setda',
    nip: `${String(model.nip).slice(0, 14)}9999`,
    email: 'staf4.setda@kuansing.go.id',
  });
  const roles = await db('user_roles').where({ user_id: id }).pluck('role');
  await db('user_roles').insert(roles.map((role: string) => ({ user_id: Number(newId), role })));
}

/** Every OPD's inbox: letters delivered by the next OPD, the first ones disposed to its people in turn. */
async function fillInboxes(db: Knex): Promise<number> {
  const codes = (await db('opd').orderBy('id').pluck('code')) as string[];
  let dispositions = 0;
  for (const [o, opdCode] of codes.entries()) {
    const people = await opdPeople(db, opdCode);
    const recipients = OPD_PEOPLE.filter((p) => p !== 'kepala').map((p) => people[p]);
    for (let i = 0; i < INCOMING_PER_OPD; i++) {
      const incomingId = await createDeliveredIncoming(db, {
        opdCode,
        senderCode: codes[(o + 1) % codes.length],
        subject: `Permohonan data ${i + 1} untuk ${opdCode}`,
      });
      if (i < recipients.length * DISPOSITIONS_PER_PERSON) {
        await disposeForTest(db, {
          incomingId,
          fromUserId: people.kepala,
          toUserIds: [recipients[i % recipients.length]],
        });
        dispositions++;
      }
    }
  }
  return dispositions;
}

/** A browser session (the cookie's value) for each of the first `count` active people. */
async function sessionCookies(db: Knex, count: number): Promise<string[]> {
  const ids = (await db('users').where({ active: true }).orderBy('id').limit(count).pluck('id')) as number[];
  if (ids.length < count) throw new Error(`only ${ids.length} people to log in, ${count} needed`);
  return db.transaction(async (trx) => {
    const cookies: string[] = [];
    for (const id of ids) {
      const { token } = await createSession(trx, Number(id), 'browser', 12);
      cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    return cookies;
  });
}

/** DURATION seconds on one page, each connection another person; one row of the table. */
async function load(baseUrl: string, page: string, cookies: string[]): Promise<string> {
  let connection = 0;
  // Without a callback autocannon answers its tracker, an EventEmitter that is also the result's promise.
  const instance = autocannon({
    url: baseUrl + page,
    connections: cookies.length,
    duration: DURATION,
    // Each new connection (client) takes the next person's cookie.
    setupClient: (client) => client.setHeaders({ cookie: cookies[connection++ % cookies.length] }),
  }) as ReturnType<typeof autocannon> & EventEmitter;
  // autocannon's histogram has no 95th percentile: keep every response time.
  const times: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await instance;
  const { median, p95 } = stats(times);
  return [
    page.padEnd(16),
    (result.requests.total / DURATION).toFixed(0).padStart(9),
    median.toFixed(1).padStart(11),
    p95.toFixed(1).padStart(11),
    String(result.requests.total).padStart(9),
    String(result.non2xx + result.errors + result.timeouts).padStart(18),
  ].join(' ');
}

async function runOn(kind: DatabaseKind, server?: string): Promise<string[]> {
  const stack = await startBenchStack({ kind, server });
  try {
    await addFiftiethUser(stack.db);
    const started = Date.now();
    const dispositions = await fillInboxes(stack.db);
    const filled = ((Date.now() - started) / 1000).toFixed(0);
    const cookies = await sessionCookies(stack.db, USERS);
    // One warm-up pass: template cache, database pool and statement caches filled.
    for (const page of PAGES)
      for (const cookie of cookies) {
        const res = await fetch(stack.baseUrl + page, { headers: { cookie }, redirect: 'manual' });
        if (res.status !== 200) throw new Error(`${page}: ${res.status} for a logged-in person`);
      }
    const rows = [];
    for (const page of PAGES) rows.push(await load(stack.baseUrl, page, cookies));
    return [
      `${INCOMING_PER_OPD} incoming letters per OPD, ${dispositions} dispositions (filled in ${filled} s); ${USERS} people, ${USERS} connections, ${DURATION} s per page`,
      [
        'page'.padEnd(16),
        'req/s'.padStart(9),
        'median ms'.padStart(11),
        'p95 ms'.padStart(11),
        'requests'.padStart(9),
        'non-2xx/errors'.padStart(18),
      ].join(' '),
      ...rows,
    ].map((l, i) => (i === 0 ? l : `  ${l}`));
  } finally {
    await stack.stop();
  }
}

async function main() {
  const server = mysqlServer();
  const lines = [
    `e-Office pages benchmark (autocannon) — ${machineLine()}`,
    '`eoffice web` in production mode, its own process; autocannon in the bench process on the same machine',
  ];
  lines.push('', '== SQLite (temp file)', ...(await runOn('sqlite')));
  if (server)
    lines.push('', `== MariaDB (${server.replace(/\/\/[^@]*@/, '//')})`, ...(await runOn('mysql', server)));
  process.stdout.write(lines.join('\n') + '\n');
}

runBench(main);

import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { allRoutes } from '../../api/app';
import type { RouteDef } from '../../api/route';
import { createLetter } from '../../lib/letters/create-letter';
import { createLogger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { projectRoot } from '../../lib/paths';
import { isAllowed, type Actor } from '../../lib/rbac/policy';
import { createStaffSyncRun } from '../../lib/staff-sync/create-staff-sync-run';
import { databaseSnapshot } from '../support/database-snapshot';
import { csrfIn, formLogin } from '../support/form-login';
import { actorOf, createIncomingRow, disposeForTest, registerForTest } from '../support/incoming';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import {
  ROUTE_SAMPLES,
  routeDeps,
  type CallerName,
  type RouteSample,
  type SampleIds,
} from '../support/route-samples';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createPrivateRecords } from '../support/security-records';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Every route of the app's own route table crossed with one caller per role, a user of another OPD and
 * no login, through the real app (bearer tokens for the API, cookie sessions with their CSRF token for
 * pages). Expected, from the route's declared access (lib/rbac/policy.ts) and its sample's scope:
 * - no login: 401 JSON for the API, a redirect to /login for pages (public routes: neither);
 * - a role the access does not name: 403;
 * - the other OPD's user on DISKOMINFO's records: 403 or 404; on their own listings: nothing of DISKOMINFO;
 * - a role the access names: let through (neither 401 nor 403), unless the sample names a domain rule
 *   that refuses that caller (403 or 404).
 * A refused call that could write changes nothing (every table hashed before and after). A route
 * without a sample in test/support/route-samples.ts fails the first test. The table of answers is
 * written to test-output/route-authorization.md.
 */

jest.setTimeout(180_000);

const USERNAMES: Record<Exclude<CallerName, 'anonymous'>, string> = {
  asn: 'staf1.diskominfo',
  verifikator: 'verifikator1.diskominfo',
  penandatangan: 'kepala.diskominfo',
  admin_opd: 'admin.diskominfo',
  other_opd: 'admin.disdik',
  superadmin: 'superadmin',
};
/**
 * Refusals first (the other OPD's user before DISKOMINFO's people act on its records, so they face them
 * as they were made); the superadmin, whose calls change the most, last.
 */
const CALLERS: CallerName[] = [
  'anonymous',
  'other_opd',
  'asn',
  'verifikator',
  'penandatangan',
  'admin_opd',
  'superadmin',
];
/** Words only DISKOMINFO's private records carry: the other OPD's listings must not show them. */
const PRIVATE_MARKS = ['Rahasia Keluar Diskominfo', 'Rahasia Masuk Diskominfo'];

const keyOf = (route: RouteDef) => `${route.method.toUpperCase()} ${route.path}`;
const isApi = (route: RouteDef) => route.path.startsWith('/api/');
const isPublic = (route: RouteDef) => 'public' in route.access;

let t: TestDatabase;
let server: Server;
let pdf: BrowserPool;
let routes: RouteDef[];
let ids: SampleIds;
const actors: Partial<Record<CallerName, Actor>> = {};
/** route key → caller → what the call answered, for the printed table. */
const table = new Map<string, Partial<Record<CallerName, string>>>();

interface Credentials {
  token: string;
  cookie: string;
  csrf: string;
}
const credentials: Partial<Record<CallerName, Credentials>> = {};

async function login(username: string): Promise<Credentials> {
  const res = await request(server).post('/api/v1/auth/token').send({ username, password: DEMO_PASSWORD });
  const { cookie } = await formLogin(server, username);
  const home = await request(server).get('/').set('Cookie', cookie!);
  return { token: res.body.token, cookie: cookie!, csrf: csrfIn(home.text)! };
}

beforeAll(async () => {
  t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  await addClassification(t.db);
  routes = allRoutes(routeDeps(t));
  // PDF routes (the guide, the agenda week, previews) start Chromium: this pool is closed at the end.
  pdf = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
  server = createTestApp(t.config, t.db, undefined, createLogger('silent'), pdf).listen(0);

  const opd = await opdIds(t.db);
  const user = await userIds(t.db, [
    ...Object.values(USERNAMES),
    'staf2.diskominfo',
    'staf3.diskominfo',
    'sekretaris.diskominfo',
    'verifikator2.diskominfo',
  ]);
  const drafter = user['staf2.diskominfo'];
  const content = sampleContent(opd, { subject: PRIVATE_MARKS[0] });
  const { letterId } = await createLetter(t.db, { drafterId: drafter, content });
  await t.db('letters').where({ id: letterId }).update({ status: 'numbering' });
  const { letterId: draftId } = await createLetter(t.db, { drafterId: drafter, content });
  const incomingId = await createIncomingRow(t.db, { opdId: opd.DISKOMINFO, subject: PRIVATE_MARKS[1] });
  const disposedIncomingId = await createIncomingRow(t.db, {
    opdId: opd.DISKOMINFO,
    subject: PRIVATE_MARKS[1],
  });
  await registerForTest(t.db, disposedIncomingId, user['admin.diskominfo']);
  const [dispositionId] = await disposeForTest(t.db, {
    incomingId: disposedIncomingId,
    fromUserId: user['admin.diskominfo'],
    toUserIds: [user['sekretaris.diskominfo']],
  });
  const runId = await createStaffSyncRun(t.db, { source: 'smart', triggeredBy: user.superadmin });
  const records = await createPrivateRecords(t, user);
  ids = { opd, user, letterId, draftId, incomingId, disposedIncomingId, dispositionId, runId, ...records };

  for (const [caller, username] of Object.entries(USERNAMES) as [CallerName, string][]) {
    credentials[caller] = await login(username);
    actors[caller] = await actorOf(t.db, username);
  }
});

afterAll(async () => {
  if (ids) writeTable();
  server?.close();
  await pdf?.close();
  await t?.drop();
});

function sampleOf(route: RouteDef): RouteSample {
  const sample = ROUTE_SAMPLES[keyOf(route)];
  if (!sample) throw new Error(`no sample for ${keyOf(route)} in test/support/route-samples.ts`);
  return sample(ids);
}

function urlOf(route: RouteDef, sample: RouteSample): string {
  const filled = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = sample.params?.[name];
    if (value === undefined) throw new Error(`${keyOf(route)}: the sample has no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(sample.query ?? {}).map(([k, v]) => [k, String(v)] as [string, string]),
  ).toString();
  return query ? `${filled}?${query}` : filled;
}

/** The call a browser (pages: session cookie and CSRF field) or an API client (bearer token) makes. */
async function call(route: RouteDef, sample: RouteSample, caller: CallerName): Promise<request.Response> {
  const who =
    caller === 'anonymous'
      ? null
      : sample.endsSession
        ? await login(USERNAMES[caller])
        : credentials[caller]!;
  const req = request(server)[route.method](urlOf(route, sample));
  const viaCookie = who !== null && !isApi(route);
  if (who) {
    if (viaCookie) req.set('Cookie', who.cookie);
    else req.set('Authorization', `Bearer ${who.token}`);
  }
  if (route.method === 'get') return req;
  const fields = { ...(sample.body ?? {}), ...(viaCookie ? { _csrf: who.csrf } : {}) };
  if (sample.file) {
    for (const [name, value] of Object.entries(fields)) req.field(name, String(value));
    return req.attach(sample.file.field, sample.file.bytes, sample.file.name);
  }
  return isApi(route) ? req.send(fields) : req.type('form').send(fields as Record<string, string>);
}

/** The answer as text, binary ones (PDF, XLSX) included. */
const textOf = (res: request.Response) =>
  res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : JSON.stringify(res.body));

type Judge = { refusal: boolean; ok: (res: request.Response) => boolean } | null;

/** What the caller must get from the route, or null where the call is not made. */
function expectation(route: RouteDef, sample: RouteSample, caller: CallerName): Judge {
  const refused = (res: request.Response) => [403, 404].includes(res.status);
  const through = (res: request.Response) => ![401, 403].includes(res.status);
  if (caller === 'anonymous') {
    if (isPublic(route))
      return sample.refused?.anonymous ? { refusal: true, ok: refused } : { refusal: false, ok: through };
    return {
      refusal: true,
      ok: isApi(route)
        ? (res) => res.status === 401 && res.body.error?.code === 'unauthenticated'
        : (res) => res.status === 302 && /^\/login(\?|$)/.test(res.headers.location),
    };
  }
  if (!isAllowed(actors[caller]!, route.access)) {
    return {
      refusal: true,
      ok: (res) => res.status === 403 && (!isApi(route) || res.body.error?.code === 'forbidden'),
    };
  }
  if (sample.refused?.[caller]) return { refusal: true, ok: refused };
  // An endless stream is not read here: the refusals above are its part (test/integration/events-sse.test.ts reads it).
  if (sample.stream) return null;
  if (caller === 'other_opd') {
    if (sample.scope === 'opd') return { refusal: true, ok: refused };
    // Their own records: ordinary use, so only reads are made, and they show nothing of DISKOMINFO.
    if (sample.scope === 'own')
      return route.method === 'get'
        ? {
            refusal: false,
            ok: (res) => res.status < 400 && PRIVATE_MARKS.every((m) => !textOf(res).includes(m)),
          }
        : null;
  }
  return { refusal: false, ok: through };
}

/**
 * A write the handler refuses by a rule of the domain is refused the same with its body and file left
 * out (but for the fields naming whose record it is): access is judged before the input, so a caller
 * without access learns nothing of the input's shape from a 400 (nor does an upload's 400/413 come first).
 */
function emptied<C extends { route: RouteDef; sample: RouteSample }>(c: C, caller: CallerName): C[] {
  const { route, sample } = c;
  const byDomainRule = caller !== 'anonymous' && isAllowed(actors[caller]!, route.access);
  const hasInput = Object.keys(sample.body ?? {}).length > 0 || sample.file !== undefined;
  if (!byDomainRule || route.method === 'get' || !hasInput) return [];
  const body = Object.fromEntries((sample.keep ?? []).map((name) => [name, sample.body?.[name]]));
  return [{ ...c, sample: { ...sample, body, file: undefined, emptied: true } }];
}

/**
 * Calls every route as the caller: first the calls that must be refused, with every table hashed before
 * and after them (a refusal writes nothing, so one hash around all of them says whether any did), then
 * the ones that must be let through, which may write.
 */
async function check(caller: CallerName): Promise<string[]> {
  const failures: string[] = [];
  // A route without a sample is named by the first test; the others go on with the rest.
  const calls = routes
    .filter((r) => ROUTE_SAMPLES[keyOf(r)])
    .map((route) => ({ route, sample: sampleOf(route) }))
    .map((c) => ({ ...c, judge: expectation(c.route, c.sample, caller) }))
    .filter((c): c is typeof c & { judge: NonNullable<Judge> } => c.judge !== null);
  const refusals = calls.filter((c) => c.judge.refusal).flatMap((c) => [c, ...emptied(c, caller)]);
  const before = await databaseSnapshot(t.db);
  for (const [i, { route, sample, judge }] of [
    ...refusals,
    ...calls.filter((c) => !c.judge.refusal),
  ].entries()) {
    if (i === refusals.length && (await databaseSnapshot(t.db)) !== before)
      failures.push(
        `a refused call as ${caller} changed data: one of ${refusals.map((c) => keyOf(c.route)).join(', ')}`,
      );
    const res = await call(route, sample, caller);
    const answer =
      res.status >= 300 && res.status < 400 ? `${res.status} → ${res.headers.location}` : `${res.status}`;
    const name = sample.emptied ? `${keyOf(route)} (emptied)` : keyOf(route);
    if (!sample.emptied) table.set(name, { ...table.get(name), [caller]: answer });
    if (!judge.ok(res)) failures.push(`${name} as ${caller}: ${answer} ${res.body?.error?.code ?? ''}`);
  }
  return failures;
}

test('every route has a sample, and every sample a route', () => {
  const keys = routes.map(keyOf);
  expect(keys.filter((k) => !ROUTE_SAMPLES[k])).toEqual([]);
  expect(Object.keys(ROUTE_SAMPLES).filter((k) => !keys.includes(k))).toEqual([]);
  expect(routes.length).toBeGreaterThan(200);
});

test('the callers hold the roles and OPDs the table names', () => {
  for (const caller of Object.keys(USERNAMES) as Exclude<CallerName, 'anonymous'>[]) {
    const role = caller === 'other_opd' ? 'admin_opd' : caller;
    expect([caller, actors[caller]!.roles]).toEqual([caller, expect.arrayContaining([role])]);
  }
  expect(actors.asn!.roles).toEqual(['asn']);
  expect(actors.other_opd!.opdId).toBe(ids.opd.DISDIK);
  expect(actors.admin_opd!.opdId).toBe(ids.opd.DISKOMINFO);
});

test.each(CALLERS)('as %s: every route answers as its access and scope say', async (caller) => {
  expect(await check(caller)).toEqual([]);
});

test('another person’s notification, which every caller asked to mark read, is still unread', async () => {
  const row = await t.db('notifications').where({ id: ids.notificationId }).first('read_at');
  expect(row).toEqual({ read_at: null });
});

/** The table, for people: route × caller → the answer. */
function writeTable(): void {
  const cell = (route: RouteDef, caller: CallerName) => table.get(keyOf(route))?.[caller] ?? '—';
  const sampleFor = (route: RouteDef) => ROUTE_SAMPLES[keyOf(route)]?.(ids);
  const callerNames = CALLERS.map((c) => (c === 'anonymous' ? c : `${c} (${USERNAMES[c]})`));
  const lines = [
    '# Routes × callers',
    '',
    'Written by test/security/route-authorization.test.ts from the app’s route table. The samples are',
    'DISKOMINFO’s records; other_opd is the bagian umum of DISDIK. — : not called (the other OPD’s',
    'writes to its own records are ordinary use).',
    '',
    `| route | access | scope | ${callerNames.join(' | ')} |`,
    `|---|---|---|${CALLERS.map(() => '---').join('|')}|`,
    ...routes.map((route) => {
      const sample = sampleFor(route);
      const access = 'roles' in route.access ? String(route.access.roles) : 'public';
      const scope = sample ? sample.scope : 'NO SAMPLE';
      return `| \`${keyOf(route)}\` | ${access} | ${scope} | ${CALLERS.map((c) => cell(route, c)).join(' | ')} |`;
    }),
    '',
    '## Refused by a rule of the domain although the role may call the route',
    '',
    ...routes.flatMap((route) =>
      Object.entries(sampleFor(route)?.refused ?? {}).map(
        ([caller, reason]) => `- \`${keyOf(route)}\` refuses ${caller}: ${reason}.`,
      ),
    ),
    '',
  ];
  const out = path.join(projectRoot, 'test-output');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'route-authorization.md'), lines.join('\n'));
}

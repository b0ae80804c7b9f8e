import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { allRoutes } from '../../api/app';
import type { AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { describeTables } from '../../lib/backup/describe-tables';
import { createLetter } from '../../lib/letters/create-letter';
import { createLogger } from '../../lib/logger';
import { projectRoot } from '../../lib/paths';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { createStaffSyncRun } from '../../lib/staff-sync/create-staff-sync-run';
import { FileStore } from '../../lib/storage/file-store';
import { PageRenderer } from '../../web/render';
import { ADMIN_ROUTE_SAMPLES, type AdminRouteSample, type SampleIds } from '../support/admin-route-samples';
import { csrfIn, formLogin } from '../support/form-login';
import { createIncomingRow } from '../support/incoming';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The authorization matrix of every admin route (roles only superadmin and/or admin_opd, or a path
 * under /admin or /api/v1/admin), taken from the app's own route table and called through the real
 * app: without login (401 for the API, a redirect to /login for pages), as a plain ASN (403), as the
 * bagian umum of another OPD on DISKOMINFO's data (403 or 404), and as the superadmin (let through).
 * A refused call changes nothing in the database; a read of the caller's own OPD shows nothing of
 * DISKOMINFO. Each route's parameters come from
 * test/support/admin-route-samples.ts; a route missing there fails the first test. The matrix is
 * written to test-output/admin-authorization.md.
 */

jest.setTimeout(60_000);

const ASN = 'staf1.diskominfo';
const OTHER_ADMIN = 'admin.disdik';
const SUPER = 'superadmin';
type Caller = 'anonymous' | typeof ASN | typeof OTHER_ADMIN | typeof SUPER;
const CALLERS: Caller[] = ['anonymous', ASN, OTHER_ADMIN, SUPER];

const keyOf = (route: RouteDef) => `${route.method.toUpperCase()} ${route.path}`;
const isApi = (route: RouteDef) => route.path.startsWith('/api/');

function isAdminRoute(route: RouteDef): boolean {
  const roles = 'roles' in route.access ? route.access.roles : null;
  const adminRolesOnly =
    Array.isArray(roles) && roles.length > 0 && roles.every((r) => r === 'superadmin' || r === 'admin_opd');
  return adminRolesOnly || /^\/(api\/v1\/)?admin(\/|$)/.test(route.path);
}

let t: TestDatabase;
let server: Server;
let adminRoutes: RouteDef[];
let ids: SampleIds;
const token: Record<string, string> = {};
const session: Record<string, { cookie: string; csrf: string }> = {};
/** route key → caller → what the call answered, for the printed matrix. */
const matrix = new Map<string, Partial<Record<Caller, string>>>();

beforeAll(async () => {
  t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  await addClassification(t.db);
  const deps: AppDeps = {
    config: t.config,
    db: t.db,
    files: new FileStore(t.db, t.config.filesDir),
    pdf: new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 }),
    logger: createLogger('silent'),
    pages: new PageRenderer({ instanceName: 'e-Office Uji', cache: true }),
    temporalClient: () => Promise.reject(new Error('no Temporal in this test')),
  };
  adminRoutes = allRoutes(deps).filter(isAdminRoute);
  server = createTestApp(t.config, t.db).listen(0);

  const opd = await opdIds(t.db);
  const user = await userIds(t.db, [
    ASN,
    OTHER_ADMIN,
    SUPER,
    'staf2.diskominfo',
    'staf3.diskominfo',
    'sekretaris.diskominfo',
    'kepala.diskominfo',
  ]);
  const { letterId } = await createLetter(t.db, {
    drafterId: user['staf2.diskominfo'],
    content: sampleContent(opd),
  });
  await t.db('letters').where({ id: letterId }).update({ status: 'numbering' });
  const incomingId = await createIncomingRow(t.db, { opdId: opd.DISKOMINFO });
  const runId = await createStaffSyncRun(t.db, { source: 'smart', triggeredBy: user[SUPER] });
  ids = { opd, user, letterId, incomingId, runId };

  for (const username of [ASN, OTHER_ADMIN, SUPER]) {
    const res = await request(server).post('/api/v1/auth/token').send({ username, password: DEMO_PASSWORD });
    token[username] = res.body.token;
    const { cookie } = await formLogin(server, username);
    const home = await request(server).get('/').set('Cookie', cookie!);
    session[username] = { cookie: cookie!, csrf: csrfIn(home.text)! };
  }
});

afterAll(async () => {
  if (ids) writeMatrix();
  server?.close();
  await t?.drop();
});

/** Every row of every table: a refused call must leave this exactly as it was. */
async function snapshot(): Promise<string> {
  const hash = createHash('sha256');
  for (const { name, primaryKey } of await describeTables(t.db)) {
    hash.update(name).update(JSON.stringify(await t.db(name).orderBy(primaryKey)));
  }
  return hash.digest('hex');
}

function sampleOf(route: RouteDef): AdminRouteSample {
  const sample = ADMIN_ROUTE_SAMPLES[keyOf(route)];
  if (!sample) throw new Error(`no sample for ${keyOf(route)} in test/support/admin-route-samples.ts`);
  return sample(ids);
}

function urlOf(route: RouteDef, sample: AdminRouteSample): string {
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
async function call(route: RouteDef, caller: Caller): Promise<request.Response> {
  const sample = sampleOf(route);
  const req = request(server)[route.method](urlOf(route, sample));
  const viaCookie = caller !== 'anonymous' && !isApi(route);
  if (caller !== 'anonymous') {
    if (viaCookie) req.set('Cookie', session[caller].cookie);
    else req.set('Authorization', `Bearer ${token[caller]}`);
  }
  if (route.method === 'get') return req;
  const fields = { ...(sample.body ?? {}), ...(viaCookie ? { _csrf: session[caller].csrf } : {}) };
  if (sample.file) {
    for (const [name, value] of Object.entries(fields)) req.field(name, String(value));
    return req.attach(sample.file.field, sample.file.bytes, sample.file.name);
  }
  return isApi(route) ? req.send(fields) : req.type('form').send(fields as Record<string, string>);
}

/** Calls each admin route as the caller; a wrong answer, or a refusal that changed data, is a failure. */
async function check(
  caller: Caller,
  expected: (route: RouteDef, sample: AdminRouteSample) => ((res: request.Response) => boolean) | null,
  refusal: boolean,
): Promise<string[]> {
  const failures: string[] = [];
  // A route without a sample is named by the first test; the others go on with the rest.
  for (const route of adminRoutes.filter((r) => ADMIN_ROUTE_SAMPLES[keyOf(r)])) {
    const sample = sampleOf(route);
    const judge = expected(route, sample);
    if (!judge) continue;
    const before = refusal ? await snapshot() : '';
    const res = await call(route, caller);
    const answer =
      res.status >= 300 && res.status < 400 ? `${res.status} → ${res.headers.location}` : `${res.status}`;
    matrix.set(keyOf(route), { ...matrix.get(keyOf(route)), [caller]: answer });
    if (!judge(res)) failures.push(`${keyOf(route)} as ${caller}: ${answer} ${res.body?.error?.code ?? ''}`);
    else if (refusal && (await snapshot()) !== before)
      failures.push(`${keyOf(route)} as ${caller}: data changed`);
  }
  return failures;
}

test('every admin route has a sample, and every sample an admin route', () => {
  const keys = adminRoutes.map(keyOf);
  expect(keys.filter((k) => !ADMIN_ROUTE_SAMPLES[k])).toEqual([]);
  expect(Object.keys(ADMIN_ROUTE_SAMPLES).filter((k) => !keys.includes(k))).toEqual([]);
  // The filter found the admin routes at all (a broken filter would pass the lines above vacuously).
  expect(adminRoutes.length).toBeGreaterThan(20);
});

test('the callers hold the roles the matrix names', async () => {
  const rolesOf = async (username: string) =>
    (await t.db('user_roles').where({ user_id: ids.user[username] }).orderBy('role').pluck('role')).join(',');
  expect([await rolesOf(ASN), await rolesOf(OTHER_ADMIN), await rolesOf(SUPER)]).toEqual([
    'asn',
    'admin_opd,asn',
    'asn,superadmin',
  ]);
  const opdOf = async (username: string) =>
    Number((await t.db('users').where({ id: ids.user[username] }).first('opd_id')).opd_id);
  expect([await opdOf(ASN), await opdOf(OTHER_ADMIN)]).toEqual([ids.opd.DISKOMINFO, ids.opd.DISDIK]);
});

test('without login: 401 JSON for the API, a redirect to /login for pages; nothing changes', async () => {
  const failures = await check(
    'anonymous',
    (route) =>
      isApi(route)
        ? (res) => res.status === 401 && res.body.error?.code === 'unauthenticated'
        : (res) => res.status === 302 && /^\/login(\?|$)/.test(res.headers.location),
    true,
  );
  expect(failures).toEqual([]);
});

test('a plain ASN: 403; nothing changes', async () => {
  const failures = await check(
    ASN,
    (route) => (res) => res.status === 403 && (!isApi(route) || res.body.error?.code === 'forbidden'),
    true,
  );
  expect(failures).toEqual([]);
});

test('the bagian umum of another OPD: 403 or 404 on DISKOMINFO’s data and on superadmin tools; nothing changes', async () => {
  const forbiddenToAdmins = (route: RouteDef) =>
    'roles' in route.access && Array.isArray(route.access.roles) && !route.access.roles.includes('admin_opd');
  // What an answer about DISKOMINFO's people would show of one of them.
  const { nip } = await t.db('users').where({ id: ids.user['staf3.diskominfo'] }).first('nip');
  const failures = await check(
    OTHER_ADMIN,
    (route, sample) => {
      if (sample.scope === 'opd' || forbiddenToAdmins(route)) return (res) => [403, 404].includes(res.status);
      // Their own OPD's tools: ordinary use, so only reads are made, and they show nothing of DISKOMINFO.
      return route.method === 'get'
        ? (res) => res.status < 400 && !res.text.includes(nip) && !res.text.includes('staf3.diskominfo')
        : null;
    },
    true,
  );
  expect(failures).toEqual([]);
});

test('the superadmin is let through (neither 401 nor 403), unless a named rule refuses them', async () => {
  const failures = await check(
    SUPER,
    (_route, sample) => (res) =>
      sample.superadminRefused ? res.status === 403 : ![401, 403].includes(res.status),
    false,
  );
  expect(failures).toEqual([]);
});

/** The matrix, for people: route × caller → the answer. */
function writeMatrix(): void {
  const cell = (route: RouteDef, caller: Caller) => matrix.get(keyOf(route))?.[caller] ?? '—';
  const sampleFor = (route: RouteDef) => ADMIN_ROUTE_SAMPLES[keyOf(route)]?.(ids);
  const lines = [
    '# Admin routes × callers',
    '',
    `Written by test/integration/admin-authorization.test.ts. ASN: ${ASN}; the other OPD's admin:`,
    `${OTHER_ADMIN} (the samples are DISKOMINFO's); — : not called.`,
    '',
    `| route | access | scope | ${CALLERS.join(' | ')} |`,
    `|---|---|---|${CALLERS.map(() => '---').join('|')}|`,
    ...adminRoutes.map((route) => {
      const sample = sampleFor(route);
      const access = 'roles' in route.access ? String(route.access.roles) : 'public';
      const scope = sample ? sample.scope : 'NO SAMPLE';
      return `| \`${keyOf(route)}\` | ${access} | ${scope} | ${CALLERS.map((c) => cell(route, c)).join(' | ')} |`;
    }),
    '',
    ...adminRoutes
      .filter((route) => sampleFor(route)?.superadminRefused)
      .map((route) => `- \`${keyOf(route)}\` refuses a superadmin: ${sampleFor(route)!.superadminRefused}.`),
    '',
  ];
  const out = path.join(projectRoot, 'test-output');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'admin-authorization.md'), lines.join('\n'));
}

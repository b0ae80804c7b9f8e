import type { AddressInfo } from 'node:net';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import { loginTokens, registerPaperLetter } from '../support/incoming-api';
import { incomingTableCounts } from '../support/incoming';
import { LettersApi, type ApiResponse, type Method } from '../support/letter-story';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { DEMO_PASSWORD } from '../support/seeded';

/**
 * The authorization matrix of the incoming-letter and disposition routes on a real stack (SQLite, a
 * Temporal dev server, the real worker and app). A DISKOMINFO paper letter goes admin → sekretaris →
 * kepala (who reads it) → staf1 (unread). Then: without a token every route answers 401; another OPD's
 * admin and staff, and a staff member of the same OPD who is not involved, get on every route exactly
 * the answer given for an id that does not exist; involved people acting out of their part are refused
 * (a receiver cannot recall, a giver cannot follow up, a non-head cannot close, a non-admin cannot list
 * the OPD's register or register, a read disposition cannot be recalled). After every refusal nothing
 * changed: the rows of incoming letters and dispositions, and the row counts of every table involved.
 */

jest.setTimeout(180_000);

const ADMIN = 'admin.diskominfo';
const SECRETARY = 'sekretaris.diskominfo';
const HEAD = 'kepala.diskominfo';
const STAFF = 'staf1.diskominfo';
const SAME_OPD_STAFF = 'staf2.diskominfo';
const OTHER_ADMIN = 'admin.disdik';
const OTHER_STAFF = 'staf1.disdik';
const MISSING = 999_999;

let stack: LetterStack;
let api: LettersApi;
let letterId: number;
/** sekretaris's (from the admin), kepala's (read), staf1's (unread). */
let d: { secretary: number; head: number; staff: number };

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const disposeBody = (to: number) => ({ toUserIds: [to], instruction: 'Untuk diketahui', dueAt: inAWeek() });

beforeAll(async () => {
  stack = await startLetterStack();
  const baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  api = new LettersApi(baseUrl);
  const people = [ADMIN, SECRETARY, HEAD, STAFF, SAME_OPD_STAFF, OTHER_ADMIN, OTHER_STAFF];
  await api.login(people, DEMO_PASSWORD);
  const tokens = await loginTokens(baseUrl, [ADMIN]);
  letterId = (await registerPaperLetter(baseUrl, tokens[ADMIN])).id;
  const base = `/api/v1/incoming/${letterId}/dispositions`;
  const [secretary] = (await api.expect(ADMIN, 'post', base, disposeBody(api.id(SECRETARY)), 201)).body.ids;
  const [head] = (await api.expect(SECRETARY, 'post', base, disposeBody(api.id(HEAD)), 201)).body.ids;
  await api.expect(HEAD, 'post', `/api/v1/dispositions/${head}/read`, {});
  const [staff] = (await api.expect(HEAD, 'post', base, disposeBody(api.id(STAFF)), 201)).body.ids;
  d = { secretary, head, staff };
});

afterAll(() => stack?.stop());

/** Everything a refusal must leave as it was. */
async function snapshot() {
  const db = stack.t.db;
  const [{ n: files }] = await db('files').count('* as n');
  return {
    counts: await incomingTableCounts(db),
    files: Number(files),
    letters: await db('incoming_letters')
      .orderBy('id')
      .select('id', 'status', 'agenda_number', 'read_at', 'closed_at', 'closed_by'),
    dispositions: await db('dispositions')
      .orderBy('id')
      .select('id', 'status', 'read_at', 'finished_at', 'to_user_id', 'from_user_id'),
  };
}

interface Route {
  method: Method;
  path: (letter: number, disposition: number) => string;
  body?: unknown;
  /** The role the route requires of everyone (a caller without it gets 403 whatever the id). */
  adminOnly?: boolean;
}

const ROUTES: Route[] = [
  { method: 'get', path: (l) => `/api/v1/incoming/${l}` },
  { method: 'get', path: (l) => `/api/v1/incoming/${l}/scan` },
  { method: 'post', path: (l) => `/api/v1/incoming/${l}/register`, body: {}, adminOnly: true },
  { method: 'post', path: (l) => `/api/v1/incoming/${l}/dispositions`, body: { ...disposeBody(1) } },
  { method: 'post', path: (l) => `/api/v1/incoming/${l}/close`, body: {} },
  { method: 'get', path: (_l, x) => `/api/v1/dispositions/${x}` },
  { method: 'post', path: (_l, x) => `/api/v1/dispositions/${x}/read`, body: {} },
  { method: 'post', path: (_l, x) => `/api/v1/dispositions/${x}/follow-up`, body: { report: 'Sudah.' } },
  { method: 'post', path: (_l, x) => `/api/v1/dispositions/${x}/forward`, body: { ...disposeBody(1) } },
  { method: 'post', path: (_l, x) => `/api/v1/dispositions/${x}/close`, body: {} },
  { method: 'post', path: (_l, x) => `/api/v1/dispositions/${x}/recall`, body: {} },
];
const label = (r: Route) => `${r.method.toUpperCase()} ${r.path(0, 0).replace(/\/0(\/|$)/, '/:id$1')}`;

const strip = (res: ApiResponse) => ({ status: res.status, body: res.body });

test.each(ROUTES.map((r) => [label(r), r] as const))('%s without a token: 401', async (_name, route) => {
  const before = await snapshot();
  const res = await api.call(null, route.method, route.path(letterId, d.staff), route.body);
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('unauthenticated');
  expect(await snapshot()).toEqual(before);
});

describe.each([
  ['another OPD’s admin', OTHER_ADMIN],
  ['another OPD’s staff', OTHER_STAFF],
  ['a staff member of the same OPD who is not involved', SAME_OPD_STAFF],
])('%s gets exactly the answer for a missing id', (_who, user) => {
  test.each(ROUTES.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    const before = await snapshot();
    for (const disposition of [d.secretary, d.head, d.staff]) {
      const real = await api.call(user, route.method, route.path(letterId, disposition), route.body);
      const missing = await api.call(user, route.method, route.path(MISSING, MISSING), route.body);
      expect(strip(real)).toEqual(strip(missing));
      const isAdmin = user === OTHER_ADMIN;
      expect(real.status).toBe(route.adminOnly && !isAdmin ? 403 : 404);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('involved people acting outside their part are refused, and nothing changes', () => {
  const cases: [string, string, Method, () => string, unknown, number, RegExp | string][] = [
    [
      'the receiver cannot recall',
      STAFF,
      'post',
      () => `/api/v1/dispositions/${d.staff}/recall`,
      {},
      409,
      INCOMING_REFUSAL.notGiver,
    ],
    [
      'the giver cannot report the follow-up',
      HEAD,
      'post',
      () => `/api/v1/dispositions/${d.staff}/follow-up`,
      { report: 'Sudah dilaksanakan.' },
      409,
      INCOMING_REFUSAL.notReceiver,
    ],
    [
      'a disposition already read cannot be recalled',
      SECRETARY,
      'post',
      () => `/api/v1/dispositions/${d.head}/recall`,
      {},
      409,
      INCOMING_REFUSAL.alreadyRead,
    ],
    [
      'the secretary (not the head) cannot close',
      SECRETARY,
      'post',
      () => `/api/v1/incoming/${letterId}/close`,
      {},
      409,
      INCOMING_REFUSAL.notHead,
    ],
    [
      'a staff member cannot close',
      STAFF,
      'post',
      () => `/api/v1/incoming/${letterId}/close`,
      {},
      409,
      INCOMING_REFUSAL.notHead,
    ],
    [
      'a staff member cannot list the OPD’s register',
      STAFF,
      'get',
      () => '/api/v1/incoming?box=opd',
      undefined,
      403,
      /admin OPD/,
    ],
    [
      'the secretary cannot register',
      SECRETARY,
      'post',
      () => `/api/v1/incoming/${letterId}/register`,
      {},
      403,
      /tidak berwenang/,
    ],
    [
      'a registered letter is not registered twice',
      ADMIN,
      'post',
      () => `/api/v1/incoming/${letterId}/register`,
      {},
      409,
      INCOMING_REFUSAL.alreadyRegistered,
    ],
    [
      'a receiver id that is not an id is refused',
      STAFF,
      'post',
      () => `/api/v1/dispositions/${d.staff}/forward`,
      { toUserIds: [0], instruction: 'Untuk diketahui' },
      400,
      /toUserIds/,
    ],
    [
      'an instruction outside the standard list is refused',
      HEAD,
      'post',
      () => `/api/v1/incoming/${letterId}/dispositions`,
      { toUserIds: [1], instruction: 'Kerjakan sesukanya' },
      400,
      /petunjuk disposisi/,
    ],
    [
      'a due date in the past is refused',
      HEAD,
      'post',
      () => `/api/v1/incoming/${letterId}/dispositions`,
      { toUserIds: [1], instruction: 'Untuk diketahui', dueAt: '2020-01-01' },
      400,
      /masa depan/,
    ],
  ];
  test.each(cases)('%s', async (_why, user, method, path, body, status, message) => {
    const before = await snapshot();
    const res = await api.call(user, method, path(), body);
    expect(res.status).toBe(status);
    if (typeof message === 'string') expect(res.body.error.message).toBe(message);
    else expect(res.body.error.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  test('a receiver cannot forward to themself (the workflow refuses)', async () => {
    const before = await snapshot();
    const res = await api.call(
      STAFF,
      'post',
      `/api/v1/dispositions/${d.staff}/forward`,
      disposeBody(api.id(STAFF)),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(INCOMING_REFUSAL.selfReceiver);
    expect(await snapshot()).toEqual(before);
  });
});

test('lists show each person only their own letters', async () => {
  const ids = (res: ApiResponse) => res.body.items.map((i: { id: number }) => i.id);
  expect(ids(await api.expect(ADMIN, 'get', '/api/v1/incoming?box=opd'))).toContain(letterId);
  expect(ids(await api.expect(OTHER_ADMIN, 'get', '/api/v1/incoming?box=opd'))).not.toContain(letterId);
  expect(ids(await api.expect(STAFF, 'get', '/api/v1/incoming?box=mine'))).toContain(letterId);
  expect(ids(await api.expect(SAME_OPD_STAFF, 'get', '/api/v1/incoming?box=mine'))).not.toContain(letterId);
  expect(ids(await api.expect(OTHER_STAFF, 'get', '/api/v1/incoming'))).not.toContain(letterId);
});

test('the giver recalls the unread disposition; the receiver can then no longer act on it', async () => {
  const recalled = await api.expect(HEAD, 'post', `/api/v1/dispositions/${d.staff}/recall`, {});
  expect(recalled.body.status).toBe('recalled');
  const before = await snapshot();
  const res = await api.call(STAFF, 'post', `/api/v1/dispositions/${d.staff}/follow-up`, {
    report: 'Sudah.',
  });
  expect([404, 409]).toContain(res.status);
  expect(await snapshot()).toEqual(before);
});

import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { allRoutes } from '../../api/app';
import type { RouteDef } from '../../api/route';
import type { DetectedType } from '../../lib/storage/detect-file-type';
import { databaseSnapshot } from '../support/database-snapshot';
import { csrfIn, formLogin, openLoginForm } from '../support/form-login';
import { tinyPdf } from '../support/incoming-api';
import { PNG, routeDeps } from '../support/route-samples';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The attacks a browser or a script can make on the web app without any special rights: forged form
 * posts (CSRF) on every page route that changes something, a planted session id, password guessing
 * through the form and the token API, hostile uploads, SQL in search and filter parameters, and the
 * security headers pages and API answers carry (HSTS only over TLS, behind the production proxy).
 */

jest.setTimeout(120_000);

const SUPER = 'superadmin';
/** Small, so the oversized upload stays cheap. */
const UPLOAD_MAX_MB = 1;
/** A Temporal client that accepts any workflow start: the uploads below reach their storage step. */
const acceptingTemporal = async () => ({ workflow: { start: async () => ({}) } }) as unknown as Client;

let t: TestDatabase;
let server: Server;
let routes: RouteDef[];

beforeAll(async () => {
  t = await createTestDatabase('sqlite', { env: { UPLOAD_MAX_MB: String(UPLOAD_MAX_MB) } });
  await seedTestDatabase(t);
  routes = allRoutes(routeDeps(t));
  server = createTestApp(t.config, t.db, acceptingTemporal).listen(0);
});

afterAll(async () => {
  server?.close();
  await t?.drop();
});

async function bearer(username: string): Promise<string> {
  const res = await request(server).post('/api/v1/auth/token').send({ username, password: DEMO_PASSWORD });
  expect(res.status).toBe(201);
  return res.body.token;
}

async function browserSession(username: string): Promise<{ cookie: string; csrf: string }> {
  const { cookie } = await formLogin(server, username);
  const home = await request(server).get('/').set('Cookie', cookie!);
  return { cookie: cookie!, csrf: csrfIn(home.text)! };
}

/** Bytes the upload check accepts as the given type. */
const BYTES_OF: Record<DetectedType, () => Buffer> = {
  'application/pdf': () => tinyPdf('csrf'),
  'image/png': () => PNG,
  'image/jpeg': () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
  'text/csv': () => Buffer.from('nip,nama\n'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': () =>
    Buffer.from('[Content_Types].xml xl/'),
};

describe('CSRF', () => {
  /** Every page route that changes something: a browser form post, answered only with the session's token. */
  const formRoutes = () => routes.filter((r) => r.method !== 'get' && !r.path.startsWith('/api/'));

  function forgedPost(route: RouteDef, cookie: string, token?: string) {
    // The check comes before the handler, so any id does; uploads must pass their type check first.
    const req = request(server)
      .post(route.path.replace(/:(\w+)/g, '1'))
      .set('Cookie', cookie);
    const fields: Record<string, string> = token === undefined ? {} : { _csrf: token };
    if (!route.upload) return req.type('form').send(fields);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach(route.upload.field, BYTES_OF[route.upload.types[0]](), 'berkas');
  }

  test('every page POST without the token, or with a wrong one, is refused (403) and changes nothing', async () => {
    const { cookie, csrf } = await browserSession(SUPER);
    const posts = formRoutes();
    expect(posts.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const before = await databaseSnapshot(t.db);
    for (const route of posts) {
      for (const token of [undefined, `${csrf.slice(0, -4)}AAAA`]) {
        const res = await forgedPost(route, cookie, token);
        if (res.status !== 403)
          failures.push(`POST ${route.path} token=${token ? 'wrong' : 'none'}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseSnapshot(t.db)).toBe(before);
  });

  test('the same post with the session’s token goes through (the refusals above were the token’s)', async () => {
    const { cookie, csrf } = await browserSession(SUPER);
    const route = formRoutes().find((r) => r.path === '/notifikasi/baca')!;
    const res = await forgedPost(route, cookie, csrf);
    expect(res.status).toBe(302);
  });

  test('an API call with the session cookie but without the token header is refused too', async () => {
    const { cookie, csrf } = await browserSession(SUPER);
    const without = await request(server).post('/api/v1/notifications/read').set('Cookie', cookie).send({});
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_invalid');
    const withHeader = await request(server)
      .post('/api/v1/notifications/read')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({});
    expect(withHeader.status).toBeLessThan(300);
  });
});

describe('session fixation', () => {
  const sessionWorks = async (cookie: string) =>
    (await request(server).get('/api/v1/me').set('Cookie', cookie)).status === 200;

  test('a session id planted before login is not the one after login, and gives no access', async () => {
    const planted = 'eoffice_session=dipasang-oleh-penyerang';
    const { response, cookie } = await formLogin(server, 'staf1.diskominfo', { extraCookie: planted });
    expect(response.status).toBe(302);
    expect(cookie).toBeDefined();
    expect(cookie).not.toBe(planted);
    expect(await sessionWorks(cookie!)).toBe(true);
    expect(await sessionWorks(planted)).toBe(false);
  });

  test('an attacker’s own valid session planted in a victim’s browser never becomes the victim’s', async () => {
    const attacker = await formLogin(server, 'staf2.diskominfo');
    const victim = await formLogin(server, 'staf3.diskominfo', { extraCookie: attacker.cookie });
    // The login form's token is not the planted session's: refused, or a session of the victim's own.
    if (victim.response.status === 403) expect(victim.cookie).toBeUndefined();
    else {
      expect(victim.cookie).not.toBe(attacker.cookie);
      const me = await request(server).get('/api/v1/me').set('Cookie', victim.cookie!);
      expect(me.body.username).toBe('staf3.diskominfo');
    }
    const planted = await request(server).get('/api/v1/me').set('Cookie', attacker.cookie!);
    expect([200, 401]).toContain(planted.status);
    expect(planted.body.username).not.toBe('staf3.diskominfo');
  });
});

describe('password guessing', () => {
  const { maxFailures } = { maxFailures: 5 };

  test('the configuration the checks below assume', () => {
    expect(t.config.auth.maxFailures).toBe(maxFailures);
  });

  /** Guesses through `attempt` until locked; each answer's status and duration. */
  async function guess(attempt: (password: string) => Promise<request.Response>) {
    const answers: { status: number; ms: number }[] = [];
    for (let i = 0; i < maxFailures + 1; i++) {
      const start = performance.now();
      const res = await attempt(`salah-${i}`);
      answers.push({ status: res.status, ms: performance.now() - start });
    }
    return answers;
  }

  function expectSlowedAndLocked(answers: { status: number; ms: number }[]) {
    expect(answers.map((a) => a.status)).toEqual([
      ...Array(maxFailures - 1).fill(401),
      // The failure that reaches the limit locks, and the next one is refused while locked.
      429,
      429,
    ]);
    // Each failure waits longer than the one before (250 ms per failure so far).
    expect(answers[0].ms).toBeGreaterThanOrEqual(240);
    expect(answers[maxFailures - 2].ms).toBeGreaterThanOrEqual(240 * (maxFailures - 1));
  }

  test('through the login form: slowed, then locked, and the right password no longer opens it', async () => {
    const username = 'staf1.disdik';
    const attempt = async (password: string) => {
      const form = await openLoginForm(server);
      return request(server)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ _csrf: form.csrf, username, password });
    };
    expectSlowedAndLocked(await guess(attempt));
    const right = await attempt(DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.text).toContain('Terlalu banyak percobaan masuk');
    expect(right.headers['set-cookie'] ?? []).not.toContainEqual(
      expect.stringMatching(/^eoffice_session=[^;]/),
    );
  });

  test('through the token API, whatever the case of the name: the same', async () => {
    const attempt = (password: string, username = 'STAF2.Disdik') =>
      request(server).post('/api/v1/auth/token').send({ username, password });
    expectSlowedAndLocked(await guess(attempt));
    const right = await attempt(DEMO_PASSWORD, 'staf2.disdik');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('account_locked');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(60);
    expect(right.body.token).toBeUndefined();
  });

  test('one counter per person: their login name, NIP and case variants share it', async () => {
    const { nip } = await t.db('users').where({ username: 'staf3.disdik' }).first('nip');
    const names = ['staf3.disdik', nip, 'STAF3.DISDIK', ` ${nip} `, 'Staf3.Disdik', 'staf3.disdik'];
    let i = 0;
    const attempt = (password: string) =>
      request(server)
        .post('/api/v1/auth/token')
        .send({ username: names[i++ % names.length], password });
    expectSlowedAndLocked(await guess(attempt));
    // Locked under each of its names, the right password included.
    for (const username of [nip, 'staf3.disdik']) {
      const right = await request(server)
        .post('/api/v1/auth/token')
        .send({ username, password: DEMO_PASSWORD });
      expect([username, right.status, right.body.token]).toEqual([username, 429, undefined]);
    }
    // The bagian umum's password reset lifts that one counter: the temporary password opens the account.
    const { id } = await t.db('users').where({ username: 'staf3.disdik' }).first('id');
    const reset = await request(server)
      .post(`/api/v1/admin/users/${id}/reset-password`)
      .set('Authorization', `Bearer ${await bearer('admin.disdik')}`);
    expect(reset.status).toBe(200);
    const opened = await request(server)
      .post('/api/v1/auth/token')
      .send({ username: nip, password: reset.body.temporaryPassword });
    expect(opened.status).toBe(201);
  });

  test('a name that is nobody’s is slowed and locked all the same', async () => {
    const attempt = (password: string) =>
      request(server).post('/api/v1/auth/token').send({ username: 'Tidak.Ada', password });
    expectSlowedAndLocked(await guess(attempt));
    // Unknown names are counted as typed (lowercased): another unknown name starts its own count.
    const other = await request(server)
      .post('/api/v1/auth/token')
      .send({ username: 'tidak.ada.juga', password: 'salah' });
    expect(other.status).toBe(401);
  });

  test('a typed name that looks like an account’s counter counts only against itself', async () => {
    const { id } = await t.db('users').where({ username: 'verifikator1.disdik' }).first('id');
    const attempt = (password: string) =>
      request(server)
        .post('/api/v1/auth/token')
        .send({ username: `user:${id}`, password });
    expectSlowedAndLocked(await guess(attempt));
    const owner = await request(server)
      .post('/api/v1/auth/token')
      .send({ username: 'verifikator1.disdik', password: DEMO_PASSWORD });
    expect(owner.status).toBe(201);
  });
});

describe('uploads', () => {
  let superToken: string;
  beforeAll(async () => {
    superToken = await bearer(SUPER);
  });

  const staffUpload = (bytes: Buffer, name: string) =>
    request(server)
      .post('/api/v1/staff-sync/upload')
      .set('Authorization', `Bearer ${superToken}`)
      .attach('file', bytes, { filename: name, contentType: 'text/csv' });
  const verifyUpload = (bytes: Buffer, name: string) =>
    request(server)
      .post('/api/v1/verify')
      .attach('file', bytes, { filename: name, contentType: 'application/pdf' });
  const csvOf = (tag: string) =>
    Buffer.from(`nip,nama,jabatan,kode_opd,unit_kerja,nip_atasan,golongan,aktif\n# ${tag}\n`);

  test('the type is judged by content: a PNG or a Windows program named .pdf is refused (415)', async () => {
    const before = await databaseSnapshot(t.db);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);
    for (const [bytes, name] of [
      [PNG, 'surat.pdf'],
      [exe, 'surat.pdf'],
      [exe, 'program.exe'],
    ] as const) {
      const res = await verifyUpload(bytes, name);
      expect([name, res.status, res.body.error?.code]).toEqual([name, 415, 'unsupported_file_type']);
    }
    // A program named .csv is no CSV either.
    const asCsv = await staffUpload(exe, 'pegawai.csv');
    expect(asCsv.status).toBe(415);
    expect(await databaseSnapshot(t.db)).toBe(before);
  });

  test('an oversized upload is refused (413) and nothing is stored', async () => {
    const before = await databaseSnapshot(t.db);
    const big = Buffer.concat([tinyPdf('besar'), Buffer.alloc(UPLOAD_MAX_MB * 1024 * 1024 + 1024, 0x20)]);
    const res = await verifyUpload(big, 'besar.pdf');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('file_too_large');
    expect(await databaseSnapshot(t.db)).toBe(before);
  });

  test('path tricks in the name are neutralised: the file is stored under its hash, the name only kept as text', async () => {
    const names = ['../../etc/passwd.csv', '..\\..\\windows\\win.ini.csv', `${'a'.repeat(2000)}.csv`];
    for (const [i, name] of names.entries()) {
      const res = await staffUpload(csvOf(`nama-${i}`), name);
      expect([name.slice(0, 30), res.status]).toEqual([name.slice(0, 30), 202]);
    }
    const rows = await t.db('files').orderBy('id', 'desc').limit(names.length).pluck('original_name');
    for (const stored of rows as string[]) {
      expect(stored).not.toMatch(/[/\\]/);
      expect(stored.length).toBeLessThanOrEqual(255);
    }
    // The parser keeps the last path segment, or the name is kept with its separators made harmless.
    expect((rows as string[]).some((n) => /^(\.\._\.\._etc_)?passwd\.csv$/.test(n))).toBe(true);
    // Everything under the files folder is named by a hash; nothing escaped it.
    const written = fs.readdirSync(t.config.filesDir, { recursive: true, withFileTypes: true });
    for (const entry of written.filter((e) => e.isFile())) expect(entry.name).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(t.config.filesDir, '..', 'etc'))).toBe(false);
    expect(fs.existsSync(path.join(t.dataDir, '..', 'etc', 'passwd.csv'))).toBe(false);
  });

  test('a NUL byte in the name is refused or dropped, never stored', async () => {
    const res = await staffUpload(csvOf('nul'), 'pegawai.csv\u0000.exe');
    expect([202, 400]).toContain(res.status);
    const names = (await t.db('files').pluck('original_name')) as string[];
    expect(names.some((n) => n.includes('\u0000'))).toBe(false);
  });
});

describe('SQL injection in search and filter parameters', () => {
  const PAYLOADS = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    '1; DROP TABLE users; --',
    "' UNION SELECT password_hash FROM users --",
    '%',
    "\\'; DELETE FROM letters; --",
  ];
  /** The query parameters the listings read. */
  const PARAMS = [
    'q',
    'opd',
    'status',
    'jenis',
    'page',
    'sort',
    'from',
    'to',
    'kind',
    'role',
    'year',
    'tahun',
  ];

  test('every listing answers 200 or 400 to each payload in each parameter, shows no one’s hash, and nothing changes', async () => {
    const token = await bearer(SUPER);
    const { cookie } = await browserSession(SUPER);
    const listings = routes.filter(
      (r) =>
        r.method === 'get' &&
        !r.path.includes(':') &&
        !['/api/v1/events', '/metrics', '/bantuan/panduan.pdf', '/agenda/pekan.pdf'].includes(r.path),
    );
    expect(listings.length).toBeGreaterThan(30);
    const { password_hash: hash } = await t.db('users').where({ username: SUPER }).first('password_hash');
    const before = await databaseSnapshot(t.db);
    const failures: string[] = [];
    for (const route of listings) {
      const get = (query: string) => {
        const req = request(server).get(`${route.path}${query}`);
        return route.path.startsWith('/api/')
          ? req.set('Authorization', `Bearer ${token}`)
          : req.set('Cookie', cookie);
      };
      // A route that answers otherwise without any parameter (no CA here, no Temporal, a redirect) keeps that answer.
      const plain = (await get('')).status;
      for (const payload of PAYLOADS) {
        const res = await get(`?${new URLSearchParams(PARAMS.map((p) => [p, payload]))}`);
        if (![200, 400, plain].includes(res.status) || res.text.includes(hash))
          failures.push(`${route.path} ${payload}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseSnapshot(t.db)).toBe(before);
  });

  test('a search for a payload finds what a search for that literal text finds: nothing', async () => {
    const token = await bearer(SUPER);
    for (const path of ['/api/v1/admin/users', '/api/v1/archive', '/api/v1/letters']) {
      const res = await request(server)
        .get(path)
        .query({ q: "' OR '1'='1" })
        .set('Authorization', `Bearer ${token}`);
      expect([path, res.status]).toEqual([path, 200]);
      const items = res.body.items ?? res.body.data ?? res.body;
      expect([path, Array.isArray(items) ? items.length : items]).toEqual([path, 0]);
    }
  });
});

describe('security headers', () => {
  const EXPECTED = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };

  test('pages, the API, errors and static files carry CSP with frame-ancestors, nosniff and Referrer-Policy', async () => {
    for (const url of [
      '/login',
      '/api/v1/me',
      '/health',
      '/tidak-ada',
      '/api/v1/tidak-ada',
      '/static/app.css',
    ]) {
      const res = await request(server).get(url);
      expect([url, res.headers]).toEqual([url, expect.objectContaining(EXPECTED)]);
      const csp = String(res.headers['content-security-policy']);
      expect([url, csp]).toEqual([url, expect.stringContaining("frame-ancestors 'none'")]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  test('no HSTS over plain http, nor when an untrusted client claims https outside production', async () => {
    expect((await request(server).get('/login')).headers['strict-transport-security']).toBeUndefined();
    const claimed = await request(server).get('/login').set('X-Forwarded-Proto', 'https');
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });

  test('in production behind the TLS proxy (X-Forwarded-Proto: https): HSTS on pages and API; not on its plain http', async () => {
    const production = createTestApp({ ...t.config, env: 'production' }, t.db).listen(0);
    try {
      for (const url of ['/login', '/api/v1/me']) {
        const res = await request(production).get(url).set('X-Forwarded-Proto', 'https');
        expect([url, res.headers['strict-transport-security']]).toEqual([
          url,
          expect.stringMatching(/^max-age=(\d{8,}); includeSubDomains$/),
        ]);
      }
      const plain = await request(production).get('/login');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      production.close();
    }
  });
});

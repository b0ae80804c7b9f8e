import request from 'supertest';
import type { Server } from 'node:http';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('API authentication and scoping on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  const tokens: Record<string, string> = {};

  async function login(username: string, password = DEMO_PASSWORD) {
    return request(server).post('/api/v1/auth/token').send({ username, password });
  }
  async function tokenFor(username: string) {
    tokens[username] ??= (await login(username)).body.token;
    return tokens[username];
  }
  const auditCount = async () => Number((await t.db('audit_log').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { LOGIN_MAX_FAILURES: '3', BODY_LIMIT_KB: '16' } });
    await seedTestDatabase(t);
    server = createTestApp(t.config, t.db).listen(0);
  });
  afterAll(async () => {
    server.close();
    await t.drop();
  });

  it('issues a bearer token for the login name or the NIP', async () => {
    const res = await login('admin.diskominfo');
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(res.body.user).toMatchObject({ username: 'admin.diskominfo', roles: ['admin_opd', 'asn'] });
    expect(res.body.user).not.toHaveProperty('passwordHash');

    const byNip = await login(res.body.user.nip);
    expect(byNip.status).toBe(201);
    expect(byNip.body.user.username).toBe('admin.diskominfo');
    expect(await t.db('auth_sessions').where({ id: res.body.token }).first()).toBeUndefined();
  });

  it('answers /me with the caller, roles and OPD', async () => {
    const res = await request(server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await tokenFor('kepala.dinkes')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'kepala.dinkes',
      position: 'Kepala Dinas Kesehatan',
      roles: ['asn', 'penandatangan'],
      opd: { code: 'DINKES', name: 'Dinas Kesehatan' },
    });
  });

  it.each([
    ['no token', undefined, 'unauthenticated'],
    ['a malformed header', 'Token abc', 'unauthenticated'],
    ['an unknown token', 'Bearer bukan-token-yang-sah', 'unauthenticated'],
  ])('refuses /me with %s', async (_name, header, code) => {
    const req = request(server).get('/api/v1/me');
    if (header) req.set('Authorization', header);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[a-z]/);
  });

  it('refuses an expired token', async () => {
    const token = (await login('staf1.disdik')).body.token;
    await t
      .db('auth_sessions')
      .update({ expires_at: new Date(Date.now() - 1000) })
      .where('kind', 'api');
    const res = await request(server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/kedaluwarsa/);
    for (const k of Object.keys(tokens)) delete tokens[k];
  });

  it('revokes a token on logout', async () => {
    const token = (await login('staf2.disdik')).body.token;
    const out = await request(server).delete('/api/v1/auth/token').set('Authorization', `Bearer ${token}`);
    expect(out.status).toBe(204);
    const after = await request(server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
    // A page asked with the dead token answers 401 too, not a redirect to /login (refused there again).
    const page = await request(server)
      .get('/')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept', 'text/html');
    expect(page.status).toBe(401);
  });

  it('gives the same answer for a wrong password and an unknown user, and records neither as a session', async () => {
    const sessions = await t.db('auth_sessions').count({ n: '*' });
    const wrong = await login('verifikator1.bappeda', 'salah-sandi');
    const unknown = await login('tidak.ada', 'salah-sandi');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({
      code: 'invalid_credentials',
      message: 'NIP/nama pengguna atau kata sandi salah.',
    });
    expect(await t.db('auth_sessions').count({ n: '*' })).toEqual(sessions);
  });

  it('slows down and then locks repeated failures, for known and unknown names alike', async () => {
    for (const username of ['staf3.bpkad', 'hantu.bpkad']) {
      const started = Date.now();
      expect((await login(username, 'x1')).status).toBe(401);
      expect((await login(username, 'x2')).status).toBe(401);
      const third = await login(username, 'x3');
      // 250 ms + 500 ms + 750 ms of deliberate delay.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('account_locked');
      expect(third.body.error.message).toMatch(/Coba lagi dalam 15 menit/);
      expect(Number(third.headers['retry-after'])).toBe(900);
    }
    // Locked means locked: even the right password is refused until the lock ends.
    const right = await login('staf3.bpkad');
    expect(right.status).toBe(429);
    await t.db('login_attempts').update({ locked_until: new Date(Date.now() - 1000) });
    expect((await login('staf3.bpkad')).status).toBe(201);
  });

  it('refuses malformed JSON and an oversized body with a clear 4xx, changing nothing', async () => {
    const before = await auditCount();
    const malformed = await request(server)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin.diskominfo",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_body');

    const big = await request(server)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin.diskominfo', password: 'x'.repeat(40_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');

    const missing = await request(server).post('/api/v1/auth/token').send({ username: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'password',
      'username',
    ]);
    expect(await auditCount()).toBe(before);
  });

  it('lists people of the caller’s own OPD only, with username, roles and OPD', async () => {
    const token = await tokenFor('staf1.diskominfo');
    const own = await request(server).get('/api/v1/users').set('Authorization', `Bearer ${token}`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(9); // eight staff and the superadmin, who works at Diskominfo
    for (const u of own.body.items) {
      expect(u.opd.code).toBe('DISKOMINFO');
      expect(u).toHaveProperty('username');
      expect(u).toHaveProperty('roles');
      expect(u).not.toHaveProperty('passwordHash');
    }

    const opds = (await request(server).get('/api/v1/opd').set('Authorization', `Bearer ${token}`)).body
      .items;
    expect(opds.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(['SETDA', 'DISKOMINFO', 'DISDIK', 'DINKES', 'BAPPEDA', 'BPKAD']),
    );
    const own_ = opds.find((o: { code: string }) => o.code === 'DISKOMINFO');
    const other = opds.find((o: { code: string }) => o.code === 'DINKES');

    const verifiers = await request(server)
      .get(`/api/v1/users?role=verifikator&opd=${own_.id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(verifiers.status).toBe(200);
    expect(verifiers.body.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'verifikator1.diskominfo',
      'verifikator2.diskominfo',
    ]);

    const foreign = await request(server)
      .get(`/api/v1/users?opd=${other.id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');

    const bad = await request(server).get('/api/v1/users?role=raja').set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/role/);
  });

  it('lets the superadmin list any OPD and everyone', async () => {
    const token = await tokenFor('superadmin');
    const all = await request(server)
      .get('/api/v1/users?pageSize=200')
      .set('Authorization', `Bearer ${token}`);
    expect(all.body.total).toBe(49);
    const heads = await request(server)
      .get('/api/v1/users?role=penandatangan')
      .set('Authorization', `Bearer ${token}`);
    expect(heads.body.total).toBe(6);
    const paged = await request(server)
      .get('/api/v1/users?pageSize=10&page=5')
      .set('Authorization', `Bearer ${token}`);
    expect(paged.body.items).toHaveLength(9);
  });

  it('answers the task counters with zeros on a fresh regency', async () => {
    const res = await request(server)
      .get('/api/v1/tasks')
      .set('Authorization', `Bearer ${await tokenFor('admin.diskominfo')}`);
    expect(res.body.counters).toEqual({
      verify: 0,
      number: 0,
      sign: 0,
      incoming: 0,
      disposition: 0,
      overdue: 0,
    });
    expect(res.body.items).toEqual({ verify: [], number: [], sign: [], incoming: [], disposition: [] });
  });

  it('publishes an OpenAPI document listing every API route', async () => {
    const res = await request(server).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/token', '/api/v1/me', '/api/v1/opd', '/api/v1/users', '/ready']),
    );
  });
});

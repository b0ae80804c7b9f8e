import type { Server } from 'node:http';
import request from 'supertest';
import { csrfIn, formLogin } from '../support/form-login';
import { memoryLog } from '../support/memory-log';
import { userIds } from '../support/letters';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A password reset by an administrator and the owner's own change, on both databases: the old password
 * and every session end at once; the temporary password logs in only to change it (API answers
 * password_change_required, pages go to /akun/sandi); the new password's rules; other sessions ended;
 * the temporary password never in a log or the audit trail.
 */

jest.setTimeout(120_000);

const ADMIN = 'admin.diskominfo';
const STAFF = 'staf1.diskominfo';
const NEW_PASSWORD = 'Sandi-Baru-Saya-2026';

describe.each(DATABASE_KINDS)('password reset and change on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let users: Record<string, number>;
  let lines: string[] = [];

  const login = (username: string, password: string) =>
    request(server).post('/api/v1/auth/token').send({ username, password });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sessionsOf = async (id: number) =>
    Number((await t.db('auth_sessions').where({ user_id: id }).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    users = await userIds(t.db, [ADMIN, STAFF]);
    const log = memoryLog();
    lines = log.lines;
    server = createTestApp(t.config, t.db, undefined, log.logger).listen(0);
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('resets: old password, sessions and tokens end; the temporary one only changes the password', async () => {
    const admin = (await login(ADMIN, DEMO_PASSWORD)).body.token;
    const oldToken = (await login(STAFF, DEMO_PASSWORD)).body.token;
    const { cookie: oldCookie } = await formLogin(server, STAFF);
    expect(await sessionsOf(users[STAFF])).toBe(2);

    const reset = await request(server)
      .post(`/api/v1/admin/users/${users[STAFF]}/reset-password`)
      .set(bearer(admin));
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    expect(reset.body.sessionsRevoked).toBe(2);
    expect(await sessionsOf(users[STAFF])).toBe(0);
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).must_change_password)).toBe(
      true,
    );
    expect((await request(server).get('/api/v1/me').set(bearer(oldToken))).status).toBe(401);
    const oldPage = await request(server).get('/').set('Cookie', oldCookie!).set('Accept', 'text/html');
    expect(oldPage.status).toBe(302);
    expect(oldPage.headers.location).toMatch(/^\/login/);
    expect((await login(STAFF, DEMO_PASSWORD)).status).toBe(401);

    // The API: only /me, the password change and logout until the password is changed.
    const tokenA = (await login(STAFF, temporary)).body.token;
    const tokenB = (await login(STAFF, temporary)).body.token;
    expect((await request(server).get('/api/v1/me').set(bearer(tokenA))).status).toBe(200);
    for (const path of ['/api/v1/tasks', '/api/v1/users', '/api/v1/letters?box=drafts']) {
      const res = await request(server).get(path).set(bearer(tokenA));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('password_change_required');
    }
    const change = (token: string, currentPassword: string, newPassword: string) =>
      request(server)
        .post('/api/v1/account/password')
        .set(bearer(token))
        .send({ currentPassword, newPassword });
    const refusals = [
      await change(tokenA, temporary, 'pendek'),
      await change(tokenA, temporary, STAFF.toUpperCase()),
      await change(tokenA, temporary, temporary),
      await change(tokenA, 'bukan-sandi-ini', NEW_PASSWORD),
      await change(tokenA, temporary, ''),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(refusals.map((r) => r.body.error.details.fields[0].field)).toEqual([
      'newPassword',
      'newPassword',
      'newPassword',
      'currentPassword',
      'newPassword',
    ]);
    expect((await login(STAFF, temporary)).status).toBe(201);

    const ok = await change(tokenA, temporary, NEW_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.sessionsEnded).toBe(2); // token B and the login just above
    expect((await request(server).get('/api/v1/tasks').set(bearer(tokenA))).status).toBe(200);
    expect((await request(server).get('/api/v1/me').set(bearer(tokenB))).status).toBe(401);
    expect((await login(STAFF, temporary)).status).toBe(401);
    expect((await login(STAFF, NEW_PASSWORD)).status).toBe(201);
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).must_change_password)).toBe(
      false,
    );

    const audit = await t
      .db('audit_log')
      .whereIn('action', ['user.password_reset', 'user.password_change'])
      .orderBy('id')
      .select('action', 'actor_id', 'data');
    expect(audit.map((a) => [a.action, Number(a.actor_id)])).toEqual([
      ['user.password_reset', users[ADMIN]],
      ['user.password_change', users[STAFF]],
    ]);
    expect(lines.length).toBeGreaterThan(0); // the requests were logged, and read here
    const everything = JSON.stringify(await t.db('audit_log').select('data')) + lines.join('');
    for (const secret of [temporary, NEW_PASSWORD]) expect(everything).not.toContain(secret);
  });

  it('sends the browser to /akun/sandi until the password is changed through the form', async () => {
    const admin = (await login(ADMIN, DEMO_PASSWORD)).body.token;
    const temporary = (
      await request(server).post(`/api/v1/admin/users/${users[STAFF]}/reset-password`).set(bearer(admin))
    ).body.temporaryPassword as string;
    const { response, cookie } = await formLogin(server, STAFF, { password: temporary, next: '/surat' });
    expect(response.status).toBe(302);
    const page = (path: string) =>
      request(server).get(path).set('Cookie', cookie!).set('Accept', 'text/html');
    for (const path of ['/surat', '/', '/akun', '/admin/pengguna']) {
      const res = await page(path);
      expect([path, res.status, res.headers.location]).toEqual([path, 302, '/akun/sandi']);
    }
    const form = await page('/akun/sandi');
    expect(form.status).toBe(200);
    expect(form.text).toContain('data-testid="forced"');
    const csrf = csrfIn(form.text)!;
    const post = (fields: Record<string, string>) =>
      request(server)
        .post('/akun/sandi')
        .set('Cookie', cookie!)
        .type('form')
        .send({ _csrf: csrf, ...fields });

    const mismatch = await post({
      currentPassword: temporary,
      newPassword: NEW_PASSWORD,
      confirmation: 'lain',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('data-testid="error-confirmation"');
    const wrong = await post({
      currentPassword: 'keliru-sekali',
      newPassword: NEW_PASSWORD,
      confirmation: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('kata sandi saat ini salah');
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).must_change_password)).toBe(
      true,
    );

    const done = await post({
      currentPassword: temporary,
      newPassword: 'Sandi-Kedua-2026',
      confirmation: 'Sandi-Kedua-2026',
    });
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/akun?info=sandi');
    const account = await page('/akun?info=sandi');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Kata sandi Anda telah diganti');
    expect(account.text).toContain(STAFF);
    expect((await page('/surat')).status).toBe(200);
  });

  it('changes one’s own password from /akun/sandi and ends the other sessions', async () => {
    const other = (await login(ADMIN, DEMO_PASSWORD)).body.token;
    const { cookie } = await formLogin(server, ADMIN);
    const form = await request(server).get('/akun/sandi').set('Cookie', cookie!);
    expect(form.text).not.toContain('data-testid="forced"');
    const res = await request(server)
      .post('/akun/sandi')
      .set('Cookie', cookie!)
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        currentPassword: DEMO_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      });
    expect(res.status).toBe(302);
    expect((await request(server).get('/api/v1/me').set(bearer(other))).status).toBe(401);
    expect((await request(server).get('/akun').set('Cookie', cookie!)).status).toBe(200);
    expect((await login(ADMIN, NEW_PASSWORD)).status).toBe(201);
    // Without the form's CSRF token nothing changes.
    const forged = await request(server).post('/akun/sandi').set('Cookie', cookie!).type('form').send({
      currentPassword: NEW_PASSWORD,
      newPassword: 'Sandi-Palsu-2026',
      confirmation: 'Sandi-Palsu-2026',
    });
    expect(forged.status).toBe(403);
    expect((await login(ADMIN, NEW_PASSWORD)).status).toBe(201);
  });
});

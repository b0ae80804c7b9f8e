import request from 'supertest';
import type { Server } from 'node:http';
import { formLogin, openLoginForm } from '../support/form-login';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/** The cookies a response sets, as name → value. */
function cookiesOf(res: request.Response): Record<string, string> {
  const raw = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return Object.fromEntries(raw.map((c) => c.split(';')[0].split('=') as [string, string]));
}

describe.each(DATABASE_KINDS)('browser sessions on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    server = createTestApp(t.config, t.db).listen(0);
  });
  afterAll(async () => {
    server.close();
    await t.drop();
  });

  const loginForm = () => openLoginForm(server);
  const logIn = async (username: string, extraCookie?: string) =>
    (await formLogin(server, username, { next: '/pegawai', extraCookie })).response;

  it('sends anonymous page visitors to the login form', async () => {
    const res = await request(server).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2F');
  });

  it('logs in through the form with an HttpOnly SameSite session cookie, and lands where asked', async () => {
    const res = await logIn('sekretaris.disdik');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/pegawai');
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('eoffice_session='),
    )!;
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/samesite=lax/i);

    const dashboard = await request(server)
      .get('/')
      .set('Cookie', `eoffice_session=${cookiesOf(res).eoffice_session}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Selamat datang, Dra. Erniwati, M.Pd.');
    expect(dashboard.text).toContain('data-testid="counter-disposition"');
    expect(dashboard.text).not.toContain('data-testid="counter-verify"');
  });

  it('refuses a login form without its CSRF token, with a friendly page', async () => {
    const res = await request(server)
      .post('/login')
      .set('Accept', 'text/html')
      .type('form')
      .send({ username: 'admin.disdik', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Sesi formulir tidak valid');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('shows the login error in Indonesian and keeps the typed name', async () => {
    const form = await loginForm();
    const res = await request(server)
      .post('/login')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ _csrf: form.csrf, username: 'admin.disdik', password: 'keliru' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('NIP/nama pengguna atau kata sandi salah.');
    expect(res.text).toContain('value="admin.disdik"');
  });

  it('never sends a user to another site after login', async () => {
    const form = await loginForm();
    const res = await request(server).post('/login').set('Cookie', form.cookie).type('form').send({
      _csrf: form.csrf,
      username: 'staf1.disdik',
      password: DEMO_PASSWORD,
      next: '//jahat.example/x',
    });
    expect(res.headers.location).toBe('/');
  });

  it('ignores a planted session cookie and issues a new session at login (no fixation)', async () => {
    const planted = 'eoffice_session=ditanam-oleh-penyerang';
    const res = await logIn('staf2.disdik', planted);
    const issued = cookiesOf(res).eoffice_session;
    expect(issued).toBeDefined();
    expect(issued).not.toBe('ditanam-oleh-penyerang');
  });

  it('needs the CSRF token to log out, then ends the session for good', async () => {
    const session = `eoffice_session=${cookiesOf(await logIn('staf3.disdik')).eoffice_session}`;
    const page = await request(server).get('/').set('Cookie', session);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];

    const forged = await request(server)
      .post('/logout')
      .set('Cookie', session)
      .set('Accept', 'text/html')
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    expect((await request(server).get('/').set('Cookie', session)).status).toBe(200);

    const out = await request(server)
      .post('/logout')
      .set('Cookie', session)
      .type('form')
      .send({ _csrf: csrf });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('/login?keluar=1');
    const after = await request(server).get('/').set('Cookie', session).set('Accept', 'text/html');
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/^\/login/);
  });

  it('refuses a cookie-authenticated API write without the CSRF header', async () => {
    const session = `eoffice_session=${cookiesOf(await logIn('admin.disdik')).eoffice_session}`;
    const res = await request(server).delete('/api/v1/auth/token').set('Cookie', session);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
    expect((await request(server).get('/api/v1/me').set('Cookie', session)).status).toBe(200);
  });

  it('renders 403 and 404 as Indonesian pages without stack traces', async () => {
    const session = `eoffice_session=${cookiesOf(await logIn('staf1.disdik')).eoffice_session}`;
    const notFound = await request(server)
      .get('/tidak-ada')
      .set('Cookie', session)
      .set('Accept', 'text/html');
    expect(notFound.status).toBe(404);
    expect(notFound.text).toContain('Halaman tidak ditemukan.');
    const forbiddenKind = await request(server)
      .get('/tugas/sign')
      .set('Cookie', session)
      .set('Accept', 'text/html');
    expect(forbiddenKind.status).toBe(404);
    const otherOpd = await request(server).get('/api/v1/users?opd=1').set('Cookie', session);
    expect(otherOpd.status).toBe(403);
  });
});

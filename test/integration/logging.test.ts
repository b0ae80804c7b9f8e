import request from 'supertest';
import Koa from 'koa';
import { handleErrors } from '../../api/middleware/handle-errors';
import { requestId } from '../../api/middleware/request-id';
import { PageRenderer } from '../../web/render';
import { formLogin, openLoginForm } from '../support/form-login';
import { memoryLog } from '../support/memory-log';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('logging', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
  });
  afterAll(() => t.drop());

  it('tags each request with an id and never writes a password, token or cookie', async () => {
    const { lines, logger } = memoryLog();
    const server = createTestApp(t.config, t.db, undefined, logger).listen(0);
    try {
      const login = await request(server)
        .post('/api/v1/auth/token')
        .send({ username: 'admin.bpkad', password: DEMO_PASSWORD });
      const token = login.body.token as string;
      await request(server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      await request(server)
        .post('/api/v1/auth/token')
        .send({ username: 'admin.bpkad', password: 'Sandi-Keliru-777' });
      const { csrf } = await openLoginForm(server);
      const session = (await formLogin(server, 'admin.bpkad')).cookie!.split('=')[1];

      const text = lines.join('');
      expect(lines.length).toBeGreaterThanOrEqual(5);
      const entries = lines.map((l) => JSON.parse(l));
      expect(entries.filter((e) => e.msg === 'request').every((e) => /^[0-9a-f-]{36}$/.test(e.reqId))).toBe(
        true,
      );
      expect(entries.some((e) => e.path === '/api/v1/me' && e.status === 200)).toBe(true);
      for (const secret of [DEMO_PASSWORD, 'Sandi-Keliru-777', token, session, csrf])
        expect(text).not.toContain(secret);
    } finally {
      server.close();
    }
  });

  it('censors secrets that code passes to the logger by mistake', () => {
    const { lines, logger } = memoryLog();
    logger.info({
      password: 'p1',
      user: { passphrase: 'p2', token: 't3' },
      req: { headers: { authorization: 'Bearer t4' } },
    });
    expect(lines.join('')).not.toMatch(/p1|p2|t3|t4/);
    expect(lines.join('')).toContain('[disensor]');
  });

  it('turns an unexpected error into a 500 without its message or stack, and logs it', async () => {
    const { lines, logger } = memoryLog();
    const app = new Koa();
    app.use(requestId(logger));
    app.use(handleErrors(new PageRenderer({ instanceName: 'Uji', cache: true })));
    app.use(() => {
      throw new Error('rahasia internal di /srv/eoffice/lib/x.ts:12');
    });
    const server = app.listen(0);
    try {
      const api = await request(server).get('/api/v1/apa-saja');
      expect(api.status).toBe(500);
      expect(api.body).toEqual({
        error: { code: 'internal_error', message: 'Terjadi kesalahan pada server. Silakan coba lagi.' },
      });
      const page = await request(server).get('/halaman').set('Accept', 'text/html');
      expect(page.status).toBe(500);
      expect(page.text).toContain('Terjadi kesalahan pada server');
      expect(page.text).not.toContain('rahasia internal');
      expect(page.text).not.toContain('.ts:');
      expect(lines.join('')).toContain('rahasia internal');
    } finally {
      server.close();
    }
  });
});

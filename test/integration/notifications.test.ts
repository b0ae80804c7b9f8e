import request from 'supertest';
import type { Server } from 'node:http';
import { csrfIn, formLogin } from '../support/form-login';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { userIdOf } from '../support/pki';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('notifications on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let userId: number;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    server = createTestApp(t.config, t.db).listen(0);
    userId = await userIdOf(t.db, 'verifikator1.disdik');
    const now = Date.now();
    await t.db('notifications').insert(
      Array.from({ length: 3 }, (_, i) => ({
        user_id: userId,
        kind: i === 0 ? 'overdue' : 'task',
        title: `Surat ${i + 1} menunggu verifikasi Anda`,
        link: `/surat/${i + 1}`,
        created_at: new Date(now + i * 1000),
      })),
    );
    await t.db('notifications').insert({
      user_id: await userIdOf(t.db, 'staf1.disdik'),
      kind: 'task',
      title: 'Milik orang lain',
      link: '/surat/9',
      created_at: new Date(now),
    });
  });
  afterAll(async () => {
    server.close();
    await t.drop();
  });

  it('lists only one’s own notifications, newest first, with the unread count in the API and the navbar', async () => {
    const token = (
      await request(server)
        .post('/api/v1/auth/token')
        .send({ username: 'verifikator1.disdik', password: DEMO_PASSWORD })
    ).body.token;
    const api = await request(server).get('/api/v1/notifications').set('Authorization', `Bearer ${token}`);
    expect(api.body).toMatchObject({ total: 3, unread: 3 });
    expect(api.body.items.map((n: { title: string }) => n.title)).toEqual([
      'Surat 3 menunggu verifikasi Anda',
      'Surat 2 menunggu verifikasi Anda',
      'Surat 1 menunggu verifikasi Anda',
    ]);
    const { cookie } = await formLogin(server, 'verifikator1.disdik');
    const page = await request(server).get('/notifikasi').set('Cookie', cookie!);
    expect(page.text).not.toContain('Milik orang lain');
    expect(page.text).toContain('data-testid="unread-badge">3<');
  });

  it('marks one read when opened and sends the person to its letter, and all read on request', async () => {
    const { cookie } = await formLogin(server, 'verifikator1.disdik');
    const page = await request(server).get('/notifikasi').set('Cookie', cookie!);
    const csrf = csrfIn(page.text)!;
    const first = await t.db('notifications').where({ user_id: userId }).orderBy('id').first('id');
    const open = await request(server)
      .post(`/notifikasi/${first.id}/buka`)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf });
    expect(open.headers.location).toBe('/surat/1');
    expect((await t.db('notifications').where({ id: first.id }).first()).read_at).not.toBeNull();

    const other = await t.db('notifications').whereNot({ user_id: userId }).first('id');
    const foreign = await request(server)
      .post(`/notifikasi/${other.id}/buka`)
      .set('Cookie', cookie!)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf });
    expect(foreign.status).toBe(404);
    expect((await t.db('notifications').where({ id: other.id }).first()).read_at).toBeNull();

    await request(server).post('/notifikasi/baca').set('Cookie', cookie!).type('form').send({ _csrf: csrf });
    const after = await request(server).get('/notifikasi').set('Cookie', cookie!);
    expect(after.text).not.toContain('data-testid="unread-badge"');
    expect(await t.db('audit_log').where({ action: 'notification.read' })).toHaveLength(2);
  });
});

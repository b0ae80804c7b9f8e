import type { Server } from 'node:http';
import request from 'supertest';
import { csrfIn, formLogin } from '../support/form-login';
import { userIds } from '../support/letters';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The Pengguna pages as a browser without JavaScript uses them: the list with filters and its empty
 * state, the roles checkboxes and the deactivation confirmation posted with cookie + CSRF, a local
 * account created through the form (errors keep the typed values), and who may open the pages at all.
 */

jest.setTimeout(60_000);

const SUPER = 'superadmin';
const ADMIN = 'admin.diskominfo';
const STAFF = 'staf2.diskominfo';

describe('users administration pages', () => {
  let t: TestDatabase;
  let server: Server;
  let users: Record<string, number>;
  const cookie: Record<string, string> = {};

  const page = (who: string, path: string) =>
    request(server).get(path).set('Cookie', cookie[who]).set('Accept', 'text/html');
  /** Posts a form from the page that holds it, with that page's CSRF token. */
  const submit = async (who: string, from: string, action: string, fields: Record<string, unknown>) => {
    const csrf = csrfIn((await page(who, from)).text);
    expect(csrf).toBeDefined();
    return request(server)
      .post(action)
      .set('Cookie', cookie[who])
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, ...fields });
  };
  const rolesOf = async (id: number) =>
    (await t.db('user_roles').where({ user_id: id }).pluck('role')).map(String).sort();

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    users = await userIds(t.db, [SUPER, ADMIN, STAFF, 'staf1.disdik']);
    server = createTestApp(t.config, t.db).listen(0);
    for (const u of [SUPER, ADMIN, STAFF]) cookie[u] = (await formLogin(server, u)).cookie!;
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('lists, searches and filters, with an empty state', async () => {
    const all = await page(SUPER, '/admin/pengguna');
    expect(all.status).toBe(200);
    const total = Number((await t.db('users').count({ n: '*' }))[0].n);
    expect(all.text).toContain(`${total} pengguna`);
    expect(all.text).toContain('id="f-opd"');
    expect((all.text.match(/data-user-id=/g) ?? []).length).toBe(25);
    expect(all.text).toContain(`Halaman 1 dari ${Math.ceil(total / 25)}`);

    const found = await page(SUPER, '/admin/pengguna?q=staf2.diskominfo');
    expect(found.text).toContain(`data-user-id="${users[STAFF]}"`);
    expect((found.text.match(/data-user-id=/g) ?? []).length).toBe(1);
    const none = await page(SUPER, '/admin/pengguna?q=tidak-ada-orang-ini');
    expect(none.text).toContain('data-testid="empty-state"');

    const own = await page(ADMIN, '/admin/pengguna?role=verifikator');
    expect(own.text).not.toContain('id="f-opd"');
    expect((own.text.match(/data-user-id=/g) ?? []).length).toBe(2);
  });

  it('changes roles with the checkboxes; a role the admin_opd may not grant is refused', async () => {
    const detail = `/admin/pengguna/${users[STAFF]}`;
    const ok = await submit(ADMIN, detail, `${detail}/peran`, { roles: ['asn', 'verifikator'] });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe(`${detail}?info=peran`);
    expect(await rolesOf(users[STAFF])).toEqual(['asn', 'verifikator']);
    expect((await page(ADMIN, `${detail}?info=peran`)).text).toContain('Peran pengguna telah diperbarui');

    const refused = await submit(ADMIN, detail, `${detail}/peran`, { roles: ['asn', 'admin_opd'] });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-testid="error"');
    expect(await rolesOf(users[STAFF])).toEqual(['asn', 'verifikator']);

    const noToken = await request(server)
      .post(`${detail}/peran`)
      .set('Cookie', cookie[ADMIN])
      .type('form')
      .send({ roles: ['asn'] });
    expect(noToken.status).toBe(403);
    expect(await rolesOf(users[STAFF])).toEqual(['asn', 'verifikator']);

    expect((await page(ADMIN, `/admin/pengguna/${users['staf1.disdik']}`)).status).toBe(404);
  });

  it('deactivates only after the confirmation page, then reactivates', async () => {
    const detail = `/admin/pengguna/${users[STAFF]}`;
    const confirm = await page(ADMIN, `${detail}/nonaktifkan`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Ya, nonaktifkan akun');
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).active)).toBe(true);

    const done = await submit(ADMIN, `${detail}/nonaktifkan`, `${detail}/nonaktifkan`, {});
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe(`${detail}?info=nonaktif`);
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).active)).toBe(false);
    // The deactivated person's own browser session has ended.
    const theirs = await page(STAFF, '/');
    expect(theirs.headers.location).toMatch(/^\/login/);
    expect((await formLogin(server, STAFF)).response.text).toContain(
      'NIP/nama pengguna atau kata sandi salah.',
    );

    const shown = await page(ADMIN, `${detail}?info=nonaktif`);
    expect(shown.text).toContain('Nonaktif');
    expect((await submit(ADMIN, detail, `${detail}/aktifkan`, {})).status).toBe(302);
    expect(Boolean((await t.db('users').where({ id: users[STAFF] }).first()).active)).toBe(true);

    const self = `/admin/pengguna/${users[ADMIN]}`;
    const selfRefused = await submit(ADMIN, self, `${self}/nonaktifkan`, {});
    expect(selfRefused.status).toBe(409);
    expect(Boolean((await t.db('users').where({ id: users[ADMIN] }).first()).active)).toBe(true);
  });

  it('creates a local account through the form, keeping typed values on an error', async () => {
    const bad = await submit(ADMIN, '/admin/pengguna/baru', '/admin/pengguna/baru', {
      username: 'pegawai.kontrak',
      name: 'Pegawai Kontrak',
      nip: '12345',
      roles: 'asn',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="pegawai.kontrak"');
    expect(bad.text).toContain('NIP harus 18 angka');
    expect(await t.db('users').where({ username: 'pegawai.kontrak' }).first()).toBeUndefined();

    const good = await submit(ADMIN, '/admin/pengguna/baru', '/admin/pengguna/baru', {
      username: 'pegawai.kontrak',
      name: 'Pegawai Kontrak',
      nip: '',
      position: 'Operator',
      roles: 'asn',
    });
    expect(good.status).toBe(200);
    expect(good.headers['cache-control']).toBe('no-store');
    const temporary = /id="temporary-password" value="([^"]+)"/.exec(good.text)?.[1];
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const row = await t.db('users').where({ username: 'pegawai.kontrak' }).first();
    expect(row).toMatchObject({ opd_id: (await t.db('users').where({ id: users[ADMIN] }).first()).opd_id });
    const { response } = await formLogin(server, 'pegawai.kontrak', { password: temporary });
    expect(response.status).toBe(302);
    expect((await formLogin(server, 'pegawai.kontrak', { password: DEMO_PASSWORD })).response.status).toBe(
      401,
    );
  });

  it('shows the own account page to anyone, the admin pages to admins only', async () => {
    cookie[STAFF] = (await formLogin(server, STAFF)).cookie!; // the deactivation ended the earlier one
    const account = await page(STAFF, '/akun');
    expect(account.status).toBe(200);
    expect(account.text).toContain('data-testid="account-roles"');
    for (const path of ['/admin/pengguna', `/admin/pengguna/${users[STAFF]}`, '/admin/pengguna/baru']) {
      expect((await page(STAFF, path)).status).toBe(403);
      const anon = await request(server).get(path).set('Accept', 'text/html');
      expect(anon.status).toBe(302);
      expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const post = await submit(STAFF, '/akun', `/admin/pengguna/${users[STAFF]}/peran`, {
      roles: ['superadmin'],
    });
    expect(post.status).toBe(403);
    expect(await rolesOf(users[STAFF])).toEqual(['asn', 'verifikator']);
  });
});

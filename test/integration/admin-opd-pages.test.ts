import type { Server } from 'node:http';
import request from 'supertest';
import { jakartaYear } from '../../lib/incoming/jakarta-year';
import { csrfIn, formLogin } from '../support/form-login';
import { opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The "Perangkat Daerah" pages as a browser without JavaScript uses them: session cookie, the `_csrf`
 * field, redirects with a notice, refusals re-rendered with each field's error and the typed values.
 * The SQL is the API test's (both databases); the pages run on SQLite.
 */

jest.setTimeout(60_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('OPD administration pages', () => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  const cookie: Record<string, string> = {};
  const thisYear = jakartaYear(new Date());

  const own = () => `/admin/opd/${opd.DISKOMINFO}`;
  const get = (user: string, path: string) => request(server).get(path).set('Cookie', cookie[user]);
  /** Opens the page (for its CSRF token), then posts the form as a browser would. */
  const post = async (user: string, path: string, form: Record<string, string>, page = own()) => {
    const csrf = csrfIn((await get(user, page)).text)!;
    return request(server)
      .post(path)
      .set('Cookie', cookie[user])
      .type('form')
      .send({ _csrf: csrf, ...form });
  };
  const row = () => t.db('opd').where({ id: opd.DISKOMINFO }).first();

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    server = createTestApp(t.config, t.db).listen(0);
    for (const user of ['superadmin', 'admin.diskominfo', 'staf1.diskominfo']) {
      cookie[user] = (await formLogin(server, user)).cookie!;
    }
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('sends the bagian umum to their own OPD and shows its five sections', async () => {
    const entry = await get('admin.diskominfo', '/admin/opd');
    expect(entry.status).toBe(302);
    expect(entry.headers.location).toBe(own());
    const page = await get('admin.diskominfo', own());
    expect(page.status).toBe(200);
    for (const id of [
      'kop-form',
      'logo-form',
      'head-form',
      'numbering-form',
      'agenda-form',
      'agenda-empty',
    ]) {
      expect(page.text).toContain(`data-testid="${id}"`);
    }
    expect(page.text).not.toContain('data-testid="status-form"');
    expect(page.text).toContain(`value="Jl. Proklamasi No. 12, Teluk Kuantan"`);
    expect(page.text).toMatch(/<option value="\d+" selected>[^<]+Kepala Dinas Komunikasi/);
    expect(page.text).toContain(`000/1/DISKOMINFO/${thisYear}`);
    expect(page.text).toContain(`0001/${thisYear}`);
    expect(page.text).toContain(`/arsip/buku-agenda.xlsx?jenis=masuk&amp;dari=`);
    expect(page.text).toContain(`&amp;opd=${opd.DISKOMINFO}`);

    expect((await get('admin.diskominfo', `/admin/opd/${opd.DISDIK}`)).status).toBe(404);
    expect((await get('admin.diskominfo', '/admin/opd/baru')).status).toBe(403);
    expect((await get('staf1.diskominfo', own())).status).toBe(403);
  });

  it('saves kop data from the form, and re-renders a refusal with the typed values', async () => {
    const before = await row();
    const noCsrf = await request(server)
      .post(`${own()}/kop`)
      .set('Cookie', cookie['admin.diskominfo'])
      .type('form')
      .send({ name: before.name, shortName: 'Kominfo' });
    expect(noCsrf.status).toBe(403);

    const bad = await post('admin.diskominfo', `${own()}/kop`, {
      name: before.name,
      shortName: 'Kominfo Baru',
      address: before.address,
      phone: '0760-561234',
      email: 'kominfo@',
      website: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/data-field-error="email">alamat e-mail tidak valid</);
    expect(bad.text).toContain('value="kominfo@"');
    expect(bad.text).toContain('value="Kominfo Baru"');
    expect(await row()).toEqual(before);

    const ok = await post('admin.diskominfo', `${own()}/kop`, {
      name: before.name,
      shortName: 'Kominfo Baru',
      address: before.address,
      phone: '0760-561234',
      email: 'kominfo@kuansing.go.id',
      website: 'diskominfo.kuansing.go.id',
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe(`${own()}?info=kop#kop`);
    expect(await row()).toMatchObject({
      short_name: 'Kominfo Baru',
      phone: '0760-561234',
      email: 'kominfo@kuansing.go.id',
      website: 'diskominfo.kuansing.go.id',
    });
    const after = await get('admin.diskominfo', `${own()}?info=kop`);
    expect(after.text).toContain('data-testid="notice">Data kop surat disimpan.');
  });

  it('previews numbering without saving, saves it, and marks an invalid pattern', async () => {
    const tugas = '094/{urut}/ST-{kode}/{tahun}';
    const preview = await post('admin.diskominfo', `${own()}/penomoran`, {
      default: '{klasifikasi}/{urut}/{kode}/{tahun}',
      'byKind[surat-tugas]': tugas,
      'byKind[memo]': '',
      intent: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(`094/1/ST-DISKOMINFO/${thisYear}`);
    expect(preview.text).toContain('data-testid="numbering-previewed"');
    expect(await t.db('opd_number_patterns').count({ n: '*' })).toEqual([{ n: 0 }]);

    const bad = await post('admin.diskominfo', `${own()}/penomoran`, {
      default: '{klasifikasi}/{urut}/{kode}/{tahun}',
      'byKind[surat-tugas]': tugas,
      'byKind[nota-dinas]': 'ND/{nomor}',
      intent: 'save',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/data-field-error="byKind.nota-dinas">[^<]*tidak dikenal: \{nomor\}/);
    expect(bad.text).toContain('value="ND/{nomor}"');
    expect(await t.db('opd_number_patterns').count({ n: '*' })).toEqual([{ n: 0 }]);

    const saved = await post('admin.diskominfo', `${own()}/penomoran`, {
      default: '{klasifikasi}/{urut}/{kode}/{tahun}',
      'byKind[surat-tugas]': tugas,
      intent: 'save',
    });
    expect(saved.status).toBe(302);
    expect(await t.db('opd_number_patterns').select('opd_id', 'kind', 'pattern')).toEqual([
      { opd_id: opd.DISKOMINFO, kind: 'surat-tugas', pattern: tugas },
    ]);
  });

  it('saves the agenda pattern and the head of the OPD', async () => {
    const bad = await post('admin.diskominfo', `${own()}/agenda`, {
      pattern: '{klasifikasi}-{urut}',
      intent: 'save',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/data-field-error="pattern">[^<]*tidak dikenal: \{klasifikasi\}/);
    expect((await row()).agenda_pattern).toBe('{urut}/{tahun}');
    const saved = await post('admin.diskominfo', `${own()}/agenda`, {
      pattern: 'AG/{urut}/{tahun}',
      intent: 'save',
    });
    expect(saved.status).toBe(302);
    expect((await row()).agenda_pattern).toBe('AG/{urut}/{tahun}');
    expect((await get('admin.diskominfo', own())).text).toContain(`AG/0001/${thisYear}`);

    const staff = await t.db('users').where({ username: 'staf3.diskominfo' }).first('id');
    const head = await post('admin.diskominfo', `${own()}/kepala`, { userId: String(staff.id) });
    expect(head.status).toBe(302);
    expect((await row()).head_user_id).toBe(staff.id);
    const outsider = await t.db('users').where({ username: 'staf1.disdik' }).first('id');
    const refused = await post('admin.diskominfo', `${own()}/kepala`, { userId: String(outsider.id) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('pegawai aktif OPD ini');
    expect((await row()).head_user_id).toBe(staff.id);
  });

  it('uploads the logo through the multipart form, previews it and removes it', async () => {
    const csrf = csrfIn((await get('admin.diskominfo', own())).text)!;
    const upload = await request(server)
      .post(`${own()}/logo`)
      .set('Cookie', cookie['admin.diskominfo'])
      .field('_csrf', csrf)
      .attach('logo', PNG, 'logo.png');
    expect(upload.status).toBe(302);
    const fileId = (await row()).logo_file_id;
    expect(fileId).not.toBeNull();
    const page = await get('admin.diskominfo', own());
    expect(page.text).toContain(`src="${own()}/logo?f=${fileId}"`);
    const image = await get('admin.diskominfo', `${own()}/logo`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.body as Buffer, PNG)).toBe(0);
    expect((await get('admin.diskominfo', `/admin/opd/${opd.DISDIK}/logo`)).status).toBe(404);

    const removed = await post('admin.diskominfo', `${own()}/logo/hapus`, {});
    expect(removed.status).toBe(302);
    expect((await row()).logo_file_id).toBeNull();
    expect((await get('admin.diskominfo', own())).text).toContain('data-testid="logo-default"');
  });

  it('gives the superadmin the list, the new-OPD form and deactivation', async () => {
    const list = await get('superadmin', '/admin/opd?q=dinas');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/admin/opd/${opd.DISDIK}"`);
    expect(list.text).not.toContain(`href="/admin/opd/${opd.BAPPEDA}"`);
    expect((await get('superadmin', '/admin/opd?q=tidak-ada')).text).toContain('data-testid="empty-state"');

    const fields = {
      name: 'Dinas Pariwisata',
      shortName: 'Dispar',
      address: '',
      phone: '',
      email: '',
      website: '',
    };
    const bad = await post('superadmin', '/admin/opd/baru', { ...fields, code: 'dispar' }, '/admin/opd/baru');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-field-error="code"');
    expect(bad.text).toContain('value="Dinas Pariwisata"');
    const taken = await post(
      'superadmin',
      '/admin/opd/baru',
      { ...fields, code: 'DISDIK' },
      '/admin/opd/baru',
    );
    expect(taken.status).toBe(409);
    expect(taken.text).toMatch(/data-field-error="code">Kode OPD DISDIK sudah dipakai/);
    const created = await post(
      'superadmin',
      '/admin/opd/baru',
      { ...fields, code: 'DISPAR' },
      '/admin/opd/baru',
    );
    expect(created.status).toBe(302);
    const id = (await t.db('opd').where({ code: 'DISPAR' }).first('id')).id;
    expect(created.headers.location).toBe(`/admin/opd/${id}?info=dibuat`);

    const page = await get('superadmin', `/admin/opd/${id}`);
    expect(page.text).toContain('data-testid="status-form"');
    expect(page.text).toContain('data-testid="no-people"');
    const off = await post('superadmin', `/admin/opd/${id}/status`, { active: '0' }, `/admin/opd/${id}`);
    expect(off.status).toBe(302);
    expect(Boolean((await t.db('opd').where({ id }).first('active')).active)).toBe(false);
    const refused = await post('admin.diskominfo', `${own()}/status`, { active: '0' });
    expect(refused.status).toBe(403);
    expect(Boolean((await row()).active)).toBe(true);
  });
});

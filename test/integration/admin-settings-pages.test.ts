import type { Server } from 'node:http';
import request from 'supertest';
import { csrfIn, formLogin } from '../support/form-login';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The "Pengaturan Sistem" page as a browser uses it: real form posts with the session cookie and CSRF
 * token, per-field errors with the typed values kept and nothing saved, holidays pasted and removed,
 * the new instance name in every page's header and title, and the page refused to others.
 */

jest.setTimeout(60_000);

const PAGE = '/admin/pengaturan';

/** The fields a browser would submit from the page: text inputs, ticked boxes and the textarea. */
function formOf(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('data-testid="settings-form"'), html.indexOf('id="form-uji-email"'));
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = fields[name];
    fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  };
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (!name) continue;
    if (/type="checkbox"/.test(tag) && !/\schecked/.test(tag)) continue;
    add(
      name,
      value
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    );
  }
  add('holidayLines', /<textarea[^>]*name="holidayLines"[^>]*>([^<]*)<\/textarea>/.exec(form)?.[1] ?? '');
  return fields;
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const brandOf = (html: string) =>
  /class="navbar-brand[^"]*"[^>]*>(?:<i[^>]*><\/i>)?\s*([^<]*)</.exec(html)?.[1].trim();

describe('system settings page', () => {
  let t: TestDatabase;
  let server: Server;
  let cookie: string;

  const get = (path: string) => request(server).get(path).set('Cookie', cookie);
  const post = (path: string, fields: Record<string, unknown>) =>
    request(server).post(path).set('Cookie', cookie).type('form').send(fields);
  const openForm = async () => {
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    return { page, fields: formOf(page.text) };
  };
  const storedRows = () => t.db('system_settings').orderBy('key').select('key', 'value');

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    server = createTestApp(t.config, t.db).listen(0);
    cookie = (await formLogin(server, 'superadmin')).cookie!;
  });
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('shows every setting with its configured value, and no holiday yet', async () => {
    const { page, fields } = await openForm();
    expect(fields).toMatchObject({
      instanceName: 'e-Office Kabupaten Kuantan Singingi',
      verificationBaseUrl: t.config.publicUrl,
      'mail.host': '',
      'mail.from': t.config.mail.from,
      'stepHours.segera': String(t.config.letters.stepHours.segera),
      'reminderBeforeHours.biasa': String(t.config.letters.reminderBeforeHours),
      workingDays: ['1', '2', '3', '4', '5'],
    });
    expect(fields['mail.password']).toBe('');
    expect(page.text).toContain('data-testid="holidays-empty"');
    expect(page.text).toContain('Belum ada kata sandi tersimpan.');
    expect(csrfIn(page.text)).toBeTruthy();
  });

  it('saves the form, with pasted holidays, and shows the new instance name on every page', async () => {
    const { fields } = await openForm();
    const res = await post(PAGE, {
      ...fields,
      instanceName: 'e-Office Pemkab Kuansing Uji',
      'mail.password': 'Sandi-Halaman#42',
      workingDays: ['1', '2', '3', '4', '5', '6'],
      holidayLines: '2099-12-25 Hari Raya Natal\r\n\r\n2099-12-26\tCuti Bersama Hari Raya Natal\r\n',
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${PAGE}?info=disimpan`);
    const after = await get(res.headers.location);
    expect(after.text).toContain('Pengaturan disimpan.');
    expect(after.text).toContain('Jumat, 25 Desember 2099');
    expect(after.text).toContain('Cuti Bersama Hari Raya Natal');
    expect(after.text).toContain('Kata sandi tersimpan.');
    expect(after.text).not.toContain('Sandi-Halaman#42');
    expect(formOf(after.text).workingDays).toEqual(['1', '2', '3', '4', '5', '6']);
    const keys = (await storedRows()).map((r) => r.key);
    expect(keys).toEqual(['holidays', 'instanceName', 'mail.password', 'workingDays']);

    for (const path of ['/', PAGE, '/notifikasi']) {
      const page = await get(path);
      expect(titleOf(page.text)).toMatch(/ · e-Office Pemkab Kuansing Uji$/);
      expect(brandOf(page.text)).toBe('e-Office Pemkab Kuansing Uji');
    }
  });

  it('refuses a wrong form field by field, keeps what was typed and saves nothing', async () => {
    const stored = await storedRows();
    const audits = await t.db('audit_log').count({ n: '*' });
    const { fields } = await openForm();
    const res = await post(PAGE, {
      ...fields,
      instanceName: '',
      verificationBaseUrl: 'https://baru.kuansing.go.id',
      'reminderBeforeHours.sangat_segera': '9',
      workingDays: undefined,
      holidayLines: '2099-12-31 Malam Tahun Baru\nbesok libur',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Pengaturan belum disimpan.');
    const errorOf = (field: string) =>
      new RegExp(`data-field-error="${field.replace('.', '\\.')}">([^<]*)<`).exec(res.text)?.[1];
    expect(errorOf('instanceName')).toBe('minimal 3 karakter');
    expect(errorOf('workingDays')).toBe('pilih minimal satu hari kerja');
    expect(errorOf('holidayLines')).toContain('baris 2');
    const typed = formOf(res.text);
    expect(typed.verificationBaseUrl).toBe('https://baru.kuansing.go.id');
    expect(typed.holidayLines).toContain('2099-12-31 Malam Tahun Baru');
    expect(await storedRows()).toEqual(stored);
    expect(await t.db('audit_log').count({ n: '*' })).toEqual(audits);

    const reminder = await post(PAGE, { ...fields, 'reminderBeforeHours.sangat_segera': '9' });
    expect(reminder.status).toBe(400);
    expect(reminder.text).toMatch(
      /data-field-error="reminderBeforeHours\.sangat_segera">harus lebih kecil dari batas waktu langkah Sangat Segera/,
    );
    expect(await storedRows()).toEqual(stored);
  });

  it('removes a ticked holiday and keeps the stored password when the field is empty', async () => {
    const { fields } = await openForm();
    expect(fields['mail.password']).toBe('');
    const res = await post(PAGE, { ...fields, removeHolidays: '2099-12-26' });
    expect(res.status).toBe(302);
    const holidays = JSON.parse((await t.db('system_settings').where({ key: 'holidays' }).first()).value);
    expect(holidays).toEqual([{ date: '2099-12-25', name: 'Hari Raya Natal' }]);
    expect(await t.db('system_settings').where({ key: 'mail.password' }).first()).toBeDefined();
    const audit = await t.db('audit_log').orderBy('id', 'desc').first();
    expect(JSON.parse(audit.data)).toEqual({ changed: ['holidays'] });
  });

  it('tells the admin on the page when the test e-mail cannot go out', async () => {
    const { page } = await openForm();
    const res = await post(`${PAGE}/uji-email`, { _csrf: csrfIn(page.text) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Server SMTP belum diatur');
  });

  it('is refused to an admin_opd', async () => {
    const admin = (await formLogin(server, 'admin.diskominfo')).cookie!;
    expect((await request(server).get(PAGE).set('Cookie', admin)).status).toBe(403);
  });
});

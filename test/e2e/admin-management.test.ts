import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'puppeteer';
import { jakartaYear } from '../../lib/incoming/jakarta-year';
import { todayWib } from '../../web/routes/incoming-view';
import { closeBrowser, launchBrowser } from '../support/browser';
import {
  anonymousSession,
  clickButton,
  fillField,
  logIn,
  newBrowserLog,
  pageText,
  readNotice,
  type Session,
} from '../support/browser-actions';
import { guideShot } from '../support/guide-screenshots';
import { issueTestCertificate, userIdOf } from '../support/pki';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { DESKTOP, OUTPUT_DIR, PHONE, screenshots } from '../support/screenshots';

/**
 * The administration pages in headless Chromium against the real app on SQLite (no Temporal): the
 * superadmin manages an account (role, password reset, deactivation) and the system settings, the
 * bagian umum edits their OPD's kop, logo and numbering, the registry shows a certificate holder, a
 * head appoints a Plh., and a plain ASN is refused. Each step is checked on the page and in the DB.
 */
jest.setTimeout(60_000);

const NEW_PASSWORD = 'Sandi-Baru#Staf3';
const INSTANCE_NAME = 'e-Office Pemkab Kuansing Uji Peramban';
const TUGAS = '094/{urut}/ST-{kode}/{tahun}';
const LOGO = { width: 48, height: 32 };

let t: TestDatabase;
let server: Server;
let browser: Browser | undefined;
let origin: string;
let opdId: number;
const log = newBrowserLog();

/** A real RGB PNG of the given size (a two-colour gradient), made by hand: no image library needed. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // each scanline starts with filter type 0
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, 90, (y * 255) / height], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const shot = screenshots('admin-management');

const inputValue = (page: Page, selector: string) =>
  page.$eval(selector, (el) => (el as HTMLInputElement).value);
const menuLabels = (page: Page) =>
  page.$$eval('#menu-utama .nav-link', (links) => links.map((a) => (a.textContent ?? '').trim()));
const pathOf = (page: Page) => new URL(page.url()).pathname;
const rolesOf = async (username: string) =>
  (
    await t
      .db('user_roles')
      .where({ user_id: await userIdOf(t.db, username) })
      .orderBy('role')
  ).map((r) => r.role);
const userRow = (username: string) => t.db('users').where({ username }).first();

/** Searches the Pengguna list as the superadmin would. */
async function searchUsers(page: Page, query: string) {
  await fillField(page, 'Cari', query);
  await clickButton(page, 'Saring', { within: '[data-testid="user-filters"]' });
}

/** Opens an account by clicking its name in the Pengguna list. */
async function openUser(page: Page, username: string) {
  const { id, name } = await userRow(username);
  await clickButton(page, name, { within: `[data-testid="user-rows"] tr[data-user-id="${id}"]` });
  expect(pathOf(page)).toBe(`/admin/pengguna/${id}`);
}

/**
 * Logs a person in (see logIn) on a page without Bootstrap's smooth scrolling: the pages redirect to
 * fragments (#kop, #logo), and a click during the scroll would land where the button used to be.
 */
async function signIn(username: string, password = DEMO_PASSWORD): Promise<Session> {
  const session = await logIn(browser!, origin, username, log, password);
  await session.page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  return session;
}

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  await issueTestCertificate(t);
  // The acting official must hold the role whose work passes to them.
  await t.db('user_roles').insert({
    user_id: await userIdOf(t.db, 'sekretaris.diskominfo'),
    role: 'penandatangan',
  });
  opdId = Number((await t.db('opd').where({ code: 'DISKOMINFO' }).first('id')).id);
  server = createTestApp(t.config, t.db).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await closeBrowser(browser);
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

describe('administration pages in a browser', () => {
  let superadmin: Session;

  test('the superadmin’s hub lists every section; Pengguna finds staf3 and grants Verifikator', async () => {
    superadmin = await signIn('superadmin');
    const { page } = superadmin;
    await clickButton(page, 'Administrasi', { within: '#menu-utama' });
    expect(await pageText(page, 'h1')).toBe('Administrasi');
    expect(
      await page.$$eval('[data-testid="admin-section"] h2', (hs) => hs.map((h) => h.textContent?.trim())),
    ).toEqual([
      'Pengguna',
      'Perangkat Daerah',
      'Penandatangan dan Sertifikat',
      'Pelaksana Tugas (Plt/Plh)',
      'Pengaturan Sistem',
      'Sinkronisasi Data Pegawai (SMART)',
      'Jejak Audit',
      'Arsip dan Buku Agenda',
    ]);
    await guideShot(page, 'superadmin-administrasi');
    await clickButton(page, 'Pengguna', { within: 'main' });
    expect(pathOf(page)).toBe('/admin/pengguna');

    await searchUsers(page, 'staf3');
    const usernames = await page.$$eval('[data-testid="user-rows"] tbody tr td .small', (cells) =>
      cells.map((c) => c.textContent?.trim()),
    );
    expect(usernames.length).toBeGreaterThan(1);
    expect(usernames.every((u) => u?.startsWith('staf3.'))).toBe(true);
    expect(usernames).toContain('staf3.diskominfo');
    await shot(page, 'users-desktop');
    await guideShot(page, 'superadmin-pengguna-cari');
    await page.setViewport(PHONE);
    await shot(page, 'users-phone');
    await page.setViewport(DESKTOP);

    await openUser(page, 'staf3.diskominfo');
    expect(await pageText(page, '[data-testid="username"]')).toBe('staf3.diskominfo');
    await fillField(page, 'Verifikator', true, { within: '[data-testid="roles-form"]' });
    await clickButton(page, 'Simpan peran', { within: '[data-testid="roles-form"]' });
    expect(await readNotice(page)).toBe('Peran pengguna telah diperbarui.');
    expect(await page.$eval('#role-verifikator', (el) => (el as HTMLInputElement).checked)).toBe(true);
    expect(await rolesOf('staf3.diskominfo')).toEqual(['asn', 'verifikator']);
    await guideShot(page, 'superadmin-pengguna-peran');
  });

  test('a password reset shows the temporary password once; with it staf3 must choose a new one', async () => {
    const { page } = superadmin;
    await clickButton(page, 'Setel ulang kata sandi…', { within: 'main' });
    expect(await pageText(page, 'h1')).toBe('Setel Ulang Kata Sandi');
    expect(await userRow('staf3.diskominfo')).toMatchObject({ must_change_password: 0 });
    const shown = await clickButton(page, 'Ya, setel ulang kata sandi');
    expect(shown?.headers()['cache-control']).toBe('no-store');
    expect(await readNotice(page)).toContain('staf3.diskominfo');
    const temporary = await inputValue(page, '[data-testid="temporary-password"]');
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    await guideShot(page, 'superadmin-kata-sandi-sementara');
    expect(await userRow('staf3.diskominfo')).toMatchObject({ must_change_password: 1 });
    // Only the POST answer carries it: the account page the admin goes back to does not.
    await clickButton(page, 'Selesai');
    expect(await page.content()).not.toContain(temporary);

    const staf3 = await signIn('staf3.diskominfo', temporary);
    expect(pathOf(staf3.page)).toBe('/akun/sandi');
    expect(await pageText(staf3.page, '[data-testid="forced"]')).toContain('disetel ulang');
    await staf3.page.goto(`${origin}/surat`, { waitUntil: 'load' });
    expect(pathOf(staf3.page)).toBe('/akun/sandi');
    await fillField(staf3.page, 'Kata sandi saat ini', temporary);
    await fillField(staf3.page, 'Kata sandi baru', NEW_PASSWORD);
    await fillField(staf3.page, 'Ulangi kata sandi baru', NEW_PASSWORD);
    await clickButton(staf3.page, 'Ganti kata sandi');
    expect(pathOf(staf3.page)).toBe('/akun');
    expect(await readNotice(staf3.page)).toContain('Kata sandi Anda telah diganti');
    expect(await userRow('staf3.diskominfo')).toMatchObject({ must_change_password: 0 });
    await clickButton(staf3.page, 'Beranda', { within: '#menu-utama' });
    expect(pathOf(staf3.page)).toBe('/');
    expect(await menuLabels(staf3.page)).toContain('Perlu Diverifikasi');
    await staf3.context.close();
  });

  test('a deactivated account (after the confirmation page) can no longer log in', async () => {
    const { page } = superadmin;
    await page.goto(`${origin}/admin/pengguna`, { waitUntil: 'load' });
    await searchUsers(page, 'staf2.diskominfo');
    await openUser(page, 'staf2.diskominfo');
    await clickButton(page, 'Nonaktifkan akun…', { within: 'main' });
    expect(await pageText(page, 'h1')).toBe('Nonaktifkan Akun');
    await guideShot(page, 'superadmin-nonaktifkan-akun');
    expect(await userRow('staf2.diskominfo')).toMatchObject({ active: 1 });
    await clickButton(page, 'Ya, nonaktifkan akun');
    expect(await readNotice(page)).toBe('Akun telah dinonaktifkan; semua sesi dan tokennya telah diakhiri.');
    expect(await pageText(page, '[data-testid="status"]')).toBe('Nonaktif');
    expect(await userRow('staf2.diskominfo')).toMatchObject({ active: 0 });

    const anonymous = await anonymousSession(browser!, origin, log, 'staf2.diskominfo');
    await anonymous.page.goto(`${origin}/login`, { waitUntil: 'load' });
    await fillField(anonymous.page, 'NIP atau nama pengguna', 'staf2.diskominfo');
    await fillField(anonymous.page, 'Kata sandi', DEMO_PASSWORD);
    await clickButton(anonymous.page, 'Masuk');
    expect(pathOf(anonymous.page)).toBe('/login');
    expect(await pageText(anonymous.page, '[data-testid="login-error"]')).toBeTruthy();
    expect(await anonymous.page.$('[data-testid="user-name"]')).toBeNull();
    await anonymous.context.close();
  });

  test('Pengaturan: a new instance name is in the next page’s header; a pasted holiday is stored', async () => {
    const { page } = superadmin;
    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    await clickButton(page, 'Pengaturan Sistem', { within: 'main' });
    expect(pathOf(page)).toBe('/admin/pengaturan');
    expect(await page.$('[data-testid="holidays-empty"]')).not.toBeNull();
    await fillField(page, 'Nama instansi', INSTANCE_NAME);
    await guideShot(page, 'superadmin-pengaturan-umum');
    await fillField(page, 'Tambah hari libur', '2099-08-17 Hari Kemerdekaan Uji');
    await guideShot(page, 'superadmin-hari-libur-isi');
    await clickButton(page, 'Simpan pengaturan');
    expect(await readNotice(page)).toBe('Pengaturan disimpan.');
    expect(await pageText(page, '.navbar-brand')).toBe(INSTANCE_NAME);
    expect(await page.title()).toBe(`Pengaturan Sistem · ${INSTANCE_NAME}`);
    const holidays = await page.$$eval('[data-testid="holidays"] tbody tr', (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent?.trim()).slice(0, 2)),
    );
    expect(holidays).toEqual([[expect.stringContaining('2099'), 'Hari Kemerdekaan Uji']]);
    const stored = await t.db('system_settings').whereIn('key', ['instanceName', 'holidays']).orderBy('key');
    expect(stored.map((r) => [r.key, JSON.parse(r.value)])).toEqual([
      ['holidays', [{ date: '2099-08-17', name: 'Hari Kemerdekaan Uji' }]],
      ['instanceName', INSTANCE_NAME],
    ]);
    await shot(page, 'settings-desktop');
    await page.$eval('[data-testid="holidays"]', (el) => el.scrollIntoView({ block: 'center' }));
    await guideShot(page, 'superadmin-hari-libur-tersimpan');
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(await pageText(page, '.navbar-brand')).toBe(INSTANCE_NAME);
  });

  test('the signer registry lists kepala.diskominfo as Aktif with their certificate', async () => {
    const { page } = superadmin;
    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    await clickButton(page, 'Penandatangan dan Sertifikat', { within: 'main' });
    expect(pathOf(page)).toBe('/admin/penandatangan');
    const kepala = await userIdOf(t.db, 'kepala.diskominfo');
    const certificate = await t.db('certificates').where({ user_id: kepala }).first('serial');
    const row = `[data-testid="registry-rows"] tr[data-user-id="${kepala}"]`;
    expect(await page.$eval(row, (r) => r.getAttribute('data-status'))).toBe('active');
    const cells = await page.$$eval(`${row} td`, (tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    expect(cells[0]).toContain((await userRow('kepala.diskominfo')).name);
    expect(cells[2]).toBe(certificate.serial);
    expect(cells[4]).toBe('Aktif');
    await guideShot(page, 'superadmin-penandatangan');

    // The guide's pages reached from here, opened and left without sending anything.
    const sekretaris = await userIdOf(t.db, 'sekretaris.diskominfo');
    const certificateId = (await t.db('certificates').where({ user_id: kepala }).first('id')).id;
    for (const [url, picture] of [
      [`/admin/penandatangan/${sekretaris}/terbitkan`, 'superadmin-terbitkan-sertifikat'],
      [`/sertifikat/${certificateId}/cabut`, 'superadmin-cabut-sertifikat'],
      ['/admin/opd', 'superadmin-perangkat-daerah'],
      ['/admin/opd/baru', 'superadmin-opd-baru'],
      ['/admin/audit', 'superadmin-jejak-audit'],
      ['/admin/smart', 'superadmin-sinkronisasi-smart'],
    ]) {
      expect((await page.goto(`${origin}${url}`, { waitUntil: 'load' }))?.status()).toBe(200);
      await guideShot(page, picture);
    }
    await superadmin.context.close();
  });

  test('admin.diskominfo edits their OPD: phone in the kop, a PNG logo, a Surat Tugas pattern', async () => {
    const { page } = await signIn('admin.diskominfo');
    await clickButton(page, 'Administrasi', { within: '#menu-utama' });
    await guideShot(page, 'admin-opd-administrasi');
    await clickButton(page, 'Perangkat Daerah', { within: 'main' });
    expect(pathOf(page)).toBe(`/admin/opd/${opdId}`);
    expect(await pageText(page, '[data-testid="opd-code"]')).toBe('DISKOMINFO');

    await fillField(page, 'Telepon', '(0760) 561 234', { within: '[data-testid="kop-form"]' });
    await clickButton(page, 'Simpan data kop', { within: '[data-testid="kop-form"]' });
    expect(await readNotice(page)).toBe('Data kop surat disimpan.');
    expect(await inputValue(page, '#f-phone')).toBe('(0760) 561 234');
    expect((await t.db('opd').where({ id: opdId }).first('phone')).phone).toBe('(0760) 561 234');
    await guideShot(page, 'admin-opd-data-kop');

    expect(await page.$('[data-testid="logo-default"]')).not.toBeNull();
    const png = path.join(t.dataDir, 'logo-diskominfo.png');
    fs.writeFileSync(png, makePng(LOGO.width, LOGO.height));
    const fileInput = await page.$('[data-testid="logo-form"] input[type=file]');
    await fileInput!.uploadFile(png);
    await clickButton(page, 'Unggah logo', { within: '[data-testid="logo-form"]' });
    expect(await readNotice(page)).toContain('Logo disimpan.');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="logo-preview"]') as HTMLImageElement | null)?.complete,
    );
    expect(
      await page.$eval('[data-testid="logo-preview"]', (img) => [
        (img as HTMLImageElement).naturalWidth,
        (img as HTMLImageElement).naturalHeight,
      ]),
    ).toEqual([LOGO.width, LOGO.height]);
    const logo = await t
      .db('opd')
      .join('files', 'files.id', 'opd.logo_file_id')
      .where('opd.id', opdId)
      .first('files.mime');
    expect(logo.mime).toBe('image/png');
    await guideShot(page, 'admin-opd-logo');

    const numbering = '[data-testid="numbering-form"]';
    const next = `094/1/ST-DISKOMINFO/${jakartaYear(new Date())}`;
    await fillField(page, 'Surat Tugas', TUGAS, { within: numbering });
    await clickButton(page, 'Pratinjau', { within: numbering });
    expect(await pageText(page, '[data-testid="numbering-previewed"]')).toBe('Pratinjau: belum disimpan.');
    expect(await pageText(page, '[data-example="surat-tugas"]')).toBe(next);
    expect(await t.db('opd_number_patterns').where({ opd_id: opdId })).toEqual([]);
    await page.$eval(numbering, (el) => el.scrollIntoView({ block: 'center' }));
    await guideShot(page, 'admin-opd-pola-nomor');
    await clickButton(page, 'Simpan pola', { within: numbering });
    expect(await readNotice(page)).toBe('Pola penomoran disimpan.');
    expect(await pageText(page, '[data-example="surat-tugas"]')).toBe(next);
    expect(await t.db('opd_number_patterns').where({ opd_id: opdId }).select('kind', 'pattern')).toEqual([
      { kind: 'surat-tugas', pattern: TUGAS },
    ]);
    await shot(page, 'opd-desktop');

    // The bagian umum's Pengguna list holds only their OPD's people.
    await page.goto(`${origin}/admin/pengguna`, { waitUntil: 'load' });
    expect(await pageText(page, 'h1')).toBe('Pengguna');
    await guideShot(page, 'admin-opd-pengguna');
  });

  test('kepala.diskominfo appoints sekretaris.diskominfo as Plh.; it is listed as Berlaku', async () => {
    const { page } = await signIn('kepala.diskominfo');
    await clickButton(page, 'Plt/Plh', { within: '#menu-utama' });
    expect(await page.$('[data-testid="empty"]')).not.toBeNull();
    await clickButton(page, 'Tunjuk Plt./Plh.', { within: 'main' });
    expect(pathOf(page)).toBe('/delegasi/baru');
    const sekretaris = await userRow('sekretaris.diskominfo');
    const start = todayWib();
    const end = new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    await fillField(page, 'Pejabat pelaksana', sekretaris.name);
    await fillField(page, 'Pelaksana Harian (Plh.)', true);
    // A date input's typing depends on the browser's locale; the chosen date is what the form sends.
    for (const [id, value] of [
      ['startDate', start],
      ['endDate', end],
    ]) {
      await page.$eval(`#${id}`, (el, v) => ((el as HTMLInputElement).value = v), value);
    }
    await fillField(page, 'Dasar penunjukan', 'Cuti tahunan Kepala Dinas');
    await guideShot(page, 'admin-opd-tunjuk-plt-plh');
    await clickButton(page, 'Tunjuk', { within: '[data-testid="delegation-form"]' });
    expect(pathOf(page)).toBe('/delegasi');
    expect(await readNotice(page)).toContain('Plt./Plh. telah ditunjuk.');
    const rows = await page.$$eval('[data-testid="delegations"] tbody tr', (trs) =>
      trs.map((tr) => ({
        status: tr.getAttribute('data-status'),
        text: (tr.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('in_force');
    expect(rows[0].text).toContain(`Plh. ${sekretaris.name}`);
    expect(rows[0].text).toContain('Berlaku');
    await guideShot(page, 'admin-opd-daftar-plt-plh');
    const stored = await t
      .db('delegations')
      .select('principal_id', 'acting_id', 'kind', 'reason', 'ended_at');
    expect(stored).toEqual([
      {
        principal_id: await userIdOf(t.db, 'kepala.diskominfo'),
        acting_id: sekretaris.id,
        kind: 'plh',
        reason: 'Cuti tahunan Kepala Dinas',
        ended_at: null,
      },
    ]);
  });

  test('a plain ASN gets the 403 page at /admin/pengguna and has no Administrasi in the menu', async () => {
    const { page } = await signIn('staf1.diskominfo');
    expect(await menuLabels(page)).not.toContain('Administrasi');
    const res = await page.goto(`${origin}/admin/pengguna`, { waitUntil: 'load' });
    expect(res?.status()).toBe(403);
    expect(await pageText(page, '.display-3')).toBe('403');
    expect(await pageText(page, '[data-testid="error-message"]')).toBeTruthy();
    expect(await page.$('[data-testid="user-rows"]')).toBeNull();
  });

  test('no page had a console error, a failed request or a CSP violation', () => {
    // Including none from the account held at the password change: its pages open no event stream.
    expect(log.problems).toEqual([]);
    // The refusals the test caused on purpose are the only 4xx documents.
    expect(log.documents4xx).toEqual([
      expect.stringMatching(/^staf2\.diskominfo 4\d\d POST \/login$/),
      'staf1.diskominfo 403 GET /admin/pengguna',
    ]);
  });
});

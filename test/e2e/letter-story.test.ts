import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../support/browser';
import {
  anonymousSession,
  clickButton,
  fillField,
  logIn,
  newBrowserLog,
  pageText,
  readError,
  readNotice,
  reloadUntil,
  watchPage,
  type Session,
} from '../support/browser-actions';
import { guideShot } from '../support/guide-screenshots';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { TEST_PASSPHRASE } from '../support/pki';
import { OUTPUT_DIR, screenshots } from '../support/screenshots';

/**
 * The whole story of an outgoing letter in headless Chromium, against the real stack (SQLite, a
 * Temporal dev server, the worker, the CA): every person logs in through the form in a browser context
 * of their own, and acts only through what the pages show.
 *
 * staf1 drafts a Surat Dinas and submits it to verifikator 1 then 2 (ordered with the up/down
 * buttons); verifikator 1 approves; verifikator 2 returns it with a note; staf1 resubmits; verifikator 2
 * approves; the bagian umum keeps the suggested number; the kepala dinas refuses a wrong passphrase and
 * signs; the letter is delivered; the recipient's bagian umum sees and opens it; an anonymous visitor
 * sees the public verification page say it is signed, and the uploaded PDF checked as VALID.
 */
const SUBJECT = 'Permintaan Data Kepegawaian Tahun 2026';
const RETURN_NOTE = 'Mohon cantumkan batas waktu penyampaian data.';

let s: LetterStack;
let browser: Browser | undefined;
let origin: string;
const log = newBrowserLog();
const people: Record<string, Session> = {};
let names: Record<string, string>;
let letterId: number;
let letterNumber: string;
let signedPdf: Buffer;
const startedAt = Date.now();
const timings: string[] = [];

function mark(what: string) {
  timings.push(`${((Date.now() - startedAt) / 1000).toFixed(1)} s ${what}`);
}

const shot = screenshots('story');

const pathOf = (page: Page) => new URL(page.url()).pathname;
const statusLabel = (page: Page) => pageText(page, '[data-testid="status-label"]');

/**
 * Opens a task list from the navigation bar and the letter from it, by its subject; `guide` names the
 * user guide's picture of the list.
 */
async function openFromTaskList(page: Page, menu: string, title: string, guide?: string): Promise<void> {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await clickButton(page, menu, { within: '#menu-utama' });
  expect(await pageText(page, 'h1')).toBe(title);
  if (guide) await guideShot(page, guide);
  await clickButton(page, SUBJECT, { within: 'main' });
}

async function openLetterFromTaskList(
  page: Page,
  menu: string,
  title: string,
  guide?: string,
): Promise<void> {
  await openFromTaskList(page, menu, title, guide);
  expect(pathOf(page)).toBe(`/surat/${letterId}`);
  expect(await pageText(page, '[data-testid="letter-subject"]')).toBe(SUBJECT);
}

async function taskSubjects(page: Page, kind: string): Promise<string[]> {
  await page.goto(`${origin}/tugas/${kind}`, { waitUntil: 'load' });
  return page.$$eval('[data-testid="task-row"] a', (links) => links.map((a) => a.textContent?.trim() ?? ''));
}

/** Order of the ticked verifiers as the submit form will send it. */
const chosenOrder = (page: Page) =>
  page.$$eval('input[type=hidden][name=verifierIds]', (inputs) =>
    inputs.map((i) => Number((i as HTMLInputElement).value)),
  );

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  s = await startLetterStack({ kind: 'sqlite', certificateHolders: ['kepala.diskominfo'] });
  origin = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  const rows = await s.t.db('users').select('username', 'name');
  names = Object.fromEntries(rows.map((r) => [r.username, r.name]));
  browser = await launchBrowser();
  mark('stack and browser up');
  // Everyone logs in through the form, each in an incognito context of their own.
  for (const username of [
    'staf1.diskominfo',
    'verifikator1.diskominfo',
    'verifikator2.diskominfo',
    'admin.diskominfo',
    'kepala.diskominfo',
    'admin.disdik',
  ]) {
    people[username] = await logIn(browser, origin, username, log);
  }
  mark('six people logged in');
}, 120_000);

afterAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`letter story timings:\n  ${timings.join('\n  ')}`);
  await closeBrowser(browser);
  await s?.stop();
}, 60_000);

describe('the whole letter story in a browser, with demo accounts', () => {
  test('every person has a session of their own', async () => {
    const sessions = await Promise.all(
      Object.values(people).map(async (p) =>
        (await p.context.cookies()).find((c) => c.name === 'eoffice_session'),
      ),
    );
    const values = sessions.map((c) => c?.value);
    expect(values.every(Boolean)).toBe(true);
    expect(new Set(values).size).toBe(values.length);
    expect(await pageText(people['admin.disdik'].page, '[data-testid="user-name"]')).toContain(
      'Dinas Pendidikan',
    );
  });

  test('staf1 drafts a Surat Dinas through "Buat Surat"', async () => {
    const { page } = people['staf1.diskominfo'];
    await guideShot(page, 'asn-beranda');
    await clickButton(page, 'Buat Surat', { within: '#menu-utama' });
    expect(pathOf(page)).toBe('/surat/baru');
    await guideShot(page, 'asn-buat-surat-jenis');
    await clickButton(page, 'Surat Dinas', { within: 'main' });
    expect(pathOf(page)).toBe('/surat/baru/surat-dinas');
    await page.waitForSelector('.ql-editor');

    await fillField(page, 'Hal (perihal)', SUBJECT);
    await fillField(page, 'Sifat', 'Penting');
    await fillField(page, 'Urgensi (derajat kecepatan)', 'Segera');
    await fillField(page, 'Klasifikasi arsip', '000.1.2');
    await fillField(page, 'Dinas Pendidikan', true, { within: '#tujuan' });
    await fillField(page, 'Dinas Kesehatan', true, { within: '#tujuan' });
    await fillField(page, 'Sekretariat Daerah', true, { within: '#tembusan' });
    await fillField(page, 'Kepada (Yth.)', 'Kepala Dinas Pendidikan dan Kepala Dinas Kesehatan');
    await fillField(page, 'Di (tempat tujuan)', 'Teluk Kuantan');
    await fillField(
      page,
      'Isi Surat',
      'Dalam rangka pemutakhiran data kepegawaian, mohon Saudara menyampaikan data pegawai di lingkungan Saudara.',
    );
    await shot(page, '01-form');
    await guideShot(page, 'asn-buat-surat-isi', { fullPage: true });

    const response = await clickButton(page, 'Simpan Konsep');
    expect(await readError(page)).toBeNull();
    expect(response?.status()).toBe(200);
    expect(pathOf(page)).toMatch(/^\/surat\/\d+$/);
    letterId = Number(pathOf(page).split('/').pop());
    expect(await pageText(page, '[data-testid="letter-subject"]')).toBe(SUBJECT);
    expect(await statusLabel(page)).toBe('Konsep');
    await guideShot(page, 'asn-konsep-tersimpan');
    const recipients = await page.$$eval('[data-testid="recipient"] span:first-child', (els) =>
      els.map((e) => e.textContent),
    );
    expect(recipients.sort()).toEqual(['Dinas Kesehatan', 'Dinas Pendidikan']);
    expect(await pageText(page, '[data-testid="tembusan"]')).toBe('Sekretariat Daerah');
    const stored = await s.t.db('letter_versions').where({ letter_id: letterId }).first('fields');
    expect(JSON.parse(stored.fields).fields.isi).toBe(
      '<p>Dalam rangka pemutakhiran data kepegawaian, mohon Saudara menyampaikan data pegawai di lingkungan Saudara.</p>',
    );
    mark('draft saved');
  }, 30_000);

  test('staf1 submits to verifikator 1 then 2, ordered with the up/down buttons, and the kepala as signer', async () => {
    const { page } = people['staf1.diskominfo'];
    const [v1, v2] = [names['verifikator1.diskominfo'], names['verifikator2.diskominfo']];
    const [v1Id, v2Id] = await Promise.all([
      s.userId('verifikator1.diskominfo'),
      s.userId('verifikator2.diskominfo'),
    ]);
    // The letter's page offers no "Ajukan"; the draft's row in "Surat Saya" does.
    await clickButton(page, 'Surat Saya', { within: '#menu-utama' });
    await guideShot(page, 'asn-surat-saya-konsep');
    await clickButton(page, 'Ajukan', { within: 'main table' });
    expect(pathOf(page)).toBe(`/surat/${letterId}/ajukan`);

    await fillField(page, v2, true, { within: '[data-verifier-list]' });
    await fillField(page, v1, true, { within: '[data-verifier-list]' });
    // First put verifikator 2 on top, then move verifikator 1 above them: both buttons in use.
    for (let i = 0; i < 5 && (await chosenOrder(page))[0] !== v2Id; i++) {
      await clickButton(page, `Naikkan ${v2}`, { navigate: false });
    }
    expect(await chosenOrder(page)).toEqual([v2Id, v1Id]);
    await clickButton(page, `Turunkan ${v2}`, { navigate: false });
    for (let i = 0; i < 5 && (await chosenOrder(page))[0] !== v1Id; i++) {
      await clickButton(page, `Naikkan ${v1}`, { navigate: false });
    }
    expect(await chosenOrder(page)).toEqual([v1Id, v2Id]);
    const badges = await page.$$eval('[data-verifier-id]', (items) =>
      items.map((li) => li.querySelector('[data-order-badge]:not(.d-none)')?.textContent ?? null),
    );
    expect(badges.filter(Boolean)).toEqual(['Urutan 1', 'Urutan 2']);
    await fillField(page, names['kepala.diskominfo'], true, { within: '[data-testid="signers"]' });
    await shot(page, '02-submit-order');
    await guideShot(page, 'asn-ajukan-verifikator');

    await clickButton(page, 'Ajukan', { within: '#submit-form' });
    expect(await readError(page)).toBeNull();
    expect(pathOf(page)).toBe(`/surat/${letterId}`);
    expect(await statusLabel(page)).toBe('Sedang diverifikasi');
    expect(await pageText(page, '[data-testid="holder"]')).toBe(v1);
    await guideShot(page, 'asn-status-surat', { fullPage: true });
    mark('submitted');
  }, 30_000);

  test('verifikator 2 sees nothing yet; verifikator 1 finds it in "Perlu Diverifikasi" and approves', async () => {
    expect(await taskSubjects(people['verifikator2.diskominfo'].page, 'verify')).toEqual([]);

    const { page } = people['verifikator1.diskominfo'];
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(await pageText(page, '[data-testid="counter-verify"] [data-count]')).toBe('1');
    await guideShot(page, 'verifikator-beranda');
    await openLetterFromTaskList(
      page,
      'Perlu Diverifikasi',
      'Perlu Diverifikasi',
      'verifikator-daftar-tugas',
    );
    expect(await pageText(page, '[data-testid="due"]')).toMatch(/Tenggat/);
    await guideShot(page, 'verifikator-periksa-surat');
    await clickButton(page, 'Setujui', { within: '[data-testid="approve-form"]' });
    expect(await readNotice(page)).toBe('Surat telah Anda setujui dan diteruskan ke tahap berikutnya.');
    await guideShot(page, 'verifikator-disetujui');
    expect(await pageText(page, '[data-testid="holder"]')).toBe(names['verifikator2.diskominfo']);
    mark('verifikator 1 approved');
  }, 30_000);

  test('verifikator 2 returns it with a note, which staf1 sees on the letter page', async () => {
    const v2 = people['verifikator2.diskominfo'].page;
    await openLetterFromTaskList(v2, 'Perlu Diverifikasi', 'Perlu Diverifikasi');
    await fillField(v2, 'Catatan perbaikan', RETURN_NOTE);
    await guideShot(v2, 'verifikator-kembalikan');
    await clickButton(v2, 'Kembalikan', { within: '[data-testid="return-form"]' });
    expect(await readNotice(v2)).toBe('Surat telah dikembalikan kepada pembuat konsep beserta catatan Anda.');
    await guideShot(v2, 'verifikator-dikembalikan');

    const page = people['staf1.diskominfo'].page;
    await page.goto(`${origin}/surat/${letterId}`, { waitUntil: 'load' });
    expect(await statusLabel(page)).toBe('Dikembalikan untuk diperbaiki');
    expect(await pageText(page, '[data-testid="step-note"]')).toBe(`Catatan: ${RETURN_NOTE}`);
    await shot(page, '03-returned');
    await guideShot(page, 'asn-surat-dikembalikan', { fullPage: true });
    mark('verifikator 2 returned');
  }, 30_000);

  test('staf1 resubmits; verification resumes at verifikator 2, who approves', async () => {
    const page = people['staf1.diskominfo'].page;
    await clickButton(page, 'Surat Saya', { within: '#menu-utama' });
    await clickButton(page, 'Ajukan', { within: 'main table' });
    expect(await pageText(page, '[data-testid="resume-at"]')).toContain(names['verifikator2.diskominfo']);
    await guideShot(page, 'asn-ajukan-ulang');
    await clickButton(page, 'Ajukan Ulang', { within: '#submit-form' });
    expect(await readError(page)).toBeNull();
    expect(await pageText(page, '[data-testid="holder"]')).toBe(names['verifikator2.diskominfo']);
    expect(await taskSubjects(people['verifikator1.diskominfo'].page, 'verify')).toEqual([]);

    const v2 = people['verifikator2.diskominfo'].page;
    await openLetterFromTaskList(v2, 'Perlu Diverifikasi', 'Perlu Diverifikasi');
    await clickButton(v2, 'Setujui', { within: '[data-testid="approve-form"]' });
    expect(await readNotice(v2)).toBe('Surat telah Anda setujui dan diteruskan ke tahap berikutnya.');
    expect(await statusLabel(v2)).toBe('Menunggu penomoran');
    mark('resubmitted and approved');
  }, 30_000);

  test('the bagian umum opens it from "Penomoran" and keeps the suggested number', async () => {
    const { page } = people['admin.diskominfo'];
    await openLetterFromTaskList(page, 'Penomoran', 'Perlu Penomoran');
    const suggested = await page.$eval('#nomor', (el) => (el as HTMLInputElement).value);
    expect(suggested).toMatch(/\S/);
    expect(await pageText(page, '#nomor-bantuan')).toContain(suggested);
    await shot(page, '04-numbering');
    await guideShot(page, 'admin-opd-penomoran');
    await clickButton(page, 'Simpan nomor', { within: '[data-testid="number-form"]' });
    expect(await readError(page)).toBeNull();
    expect(await readNotice(page)).toBe('Nomor surat tersimpan. Surat kini menunggu tanda tangan pejabat.');
    expect(await pageText(page, '[data-testid="letter-number"]')).toBe(suggested);
    letterNumber = suggested;
    mark('numbered');
  }, 30_000);

  test('the kepala reads the final PDF, is refused a wrong passphrase, signs, and the letter is sent', async () => {
    const { page, context } = people['kepala.diskominfo'];
    await openLetterFromTaskList(
      page,
      'Perlu Ditandatangani',
      'Perlu Ditandatangani',
      'penandatangan-daftar-tugas',
    );
    expect(await pageText(page, '[data-testid="sign-form"]')).toContain(letterNumber);
    await guideShot(page, 'penandatangan-periksa-surat');

    // The final PDF opens in a tab of its own, in Chromium's PDF viewer.
    const popup = new Promise<Page>((resolve) =>
      context.once('targetcreated', async (target) => resolve((await target.page())!)),
    );
    await clickButton(page, 'buka naskah final (PDF)', {
      within: '[data-testid="sign-form"]',
      navigate: false,
    });
    const tab = await popup;
    watchPage(tab, origin, log, 'kepala.diskominfo (PDF)');
    await tab.waitForFunction(
      () => document.readyState === 'complete' && document.contentType === 'application/pdf',
      {
        timeout: 15_000,
      },
    );
    expect(tab.url()).toBe(`${origin}/surat/${letterId}/pdf`);
    // The viewer hides the response's headers from the page; ask the server the same question directly.
    const finalPdf = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        size: (await res.arrayBuffer()).byteLength,
      };
    }, `/surat/${letterId}/pdf`);
    expect(finalPdf).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/pdf/) });
    expect(finalPdf.size).toBeGreaterThan(5_000);
    // Closing the tab while the viewer still streams the file would abort its request.
    await tab.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
    await tab.close();

    await fillField(page, 'Passphrase sertifikat elektronik', 'bukan-passphrase-ini');
    const refused = await clickButton(page, 'Tandatangani', { within: '[data-testid="sign-form"]' });
    expect(refused?.status()).toBe(422);
    expect(await readError(page)).toBe('Passphrase sertifikat salah.');
    expect(await statusLabel(page)).toBe('Menunggu tanda tangan');
    await guideShot(page, 'penandatangan-passphrase-salah');

    await fillField(page, 'Passphrase sertifikat elektronik', TEST_PASSPHRASE);
    await clickButton(page, 'Tandatangani', { within: '[data-testid="sign-form"]' });
    expect(await readError(page)).toBeNull();
    expect(await readNotice(page)).toBe(
      'Surat telah ditandatangani secara elektronik dan dikirim ke perangkat daerah tujuan.',
    );
    await guideShot(page, 'penandatangan-ditandatangani');
    mark('signed');
    // Delivery is asynchronous (the workflow's activities): the page says "Terkirim" once it is done.
    await reloadUntil(page, async () => (await statusLabel(page)) === 'Terkirim', 'the letter to be sent');
    expect(await pageText(page, '[data-testid="pdf-link"]')).toBe('Lihat PDF');
    mark('sent');

    // The signed PDF, fetched with the signer's own session, for the upload check below.
    const bytes = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const buf = new Uint8Array(await res.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i++) bin += String.fromCharCode(buf[i]);
      return { type: res.headers.get('content-type'), base64: btoa(bin) };
    }, `/surat/${letterId}/pdf`);
    expect(bytes.type).toMatch(/^application\/pdf/);
    signedPdf = Buffer.from(bytes.base64, 'base64');
    expect(signedPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(signedPdf.toString('latin1')).toContain('/ByteRange');

    // The signer's certificate, with its validity and the renewal form.
    await clickButton(page, 'Sertifikat', { within: '#menu-utama' });
    expect(await pageText(page, 'h1')).toBe('Sertifikat Elektronik');
    expect(await pageText(page, 'main table tbody')).toContain('Aktif');
    expect(await page.$('[data-testid="renew-form"]')).not.toBeNull();
    await guideShot(page, 'penandatangan-sertifikat');
  }, 60_000);

  test('staf1 sees each recipient as received', async () => {
    const { page } = people['staf1.diskominfo'];
    await page.goto(`${origin}/surat/${letterId}`, { waitUntil: 'load' });
    expect(await statusLabel(page)).toBe('Terkirim');
    const rows = await page.$$eval('[data-testid="recipient"], [data-testid="tembusan"]', (els) =>
      els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
    expect(rows.sort()).toEqual([
      'Dinas Kesehatan Diterima',
      'Dinas Pendidikan Diterima',
      'Sekretariat Daerah Diterima',
    ]);
    const timeline = await page.$$eval('[data-testid="timeline-item"]', (els) => els.length);
    expect(timeline).toBeGreaterThanOrEqual(8);
    await shot(page, '05-sent');
    await guideShot(page, 'asn-surat-terkirim');
    await clickButton(page, 'Surat Saya', { within: '#menu-utama' });
    await clickButton(page, 'Terkirim', { within: '[data-testid="box-tabs"]' });
    expect(await pageText(page, '[data-testid="letters"] tbody')).toContain(letterNumber);
    await guideShot(page, 'asn-surat-saya-terkirim');
  }, 30_000);

  test('the bagian umum of Dinas Pendidikan finds it in "Surat Masuk" and opens it', async () => {
    const { page } = people['admin.disdik'];
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(await pageText(page, '[data-testid="counter-incoming"] [data-count]')).toBe('1');
    await openFromTaskList(page, 'Surat Masuk Baru', 'Surat Masuk Baru');
    expect(pathOf(page)).toMatch(/^\/surat-masuk\/\d+$/);
    expect(await pageText(page, '[data-testid="incoming-subject"]')).toBe(SUBJECT);
    expect(await pageText(page, '[data-testid="incoming-status"]')).toBe('Belum diregistrasi');
    expect(await pageText(page, '[data-testid="agenda"]')).toContain(letterNumber);
    expect(await page.$('[data-testid="document-link"]')).not.toBeNull();
    await shot(page, '06-incoming');
    mark('recipient opened it');
  }, 30_000);

  test('an anonymous visitor sees the document as signed, and the uploaded PDF as VALID', async () => {
    const { verification_code: code } = await s.t
      .db('letters')
      .where({ id: letterId })
      .first('verification_code');
    expect(code).toMatch(/^[a-z0-9]{8,32}$/);
    const anonymous = await anonymousSession(browser!, origin, log);
    const { page } = anonymous;
    try {
      const response = await page.goto(`${origin}/verifikasi/${code}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await pageText(page, '[data-testid="verify-status"] strong')).toBe(
        'Dokumen terdaftar dan ditandatangani secara elektronik',
      );
      expect(await pageText(page, '[data-testid="doc-number"]')).toBe(letterNumber);
      expect(await pageText(page, '[data-testid="doc-subject"]')).toBe(SUBJECT);
      expect(await pageText(page, '[data-testid="cert-status"]')).toBe('Aktif');
      await shot(page, '07-verify-code');
      await guideShot(page, 'asn-verifikasi-kode', { fullPage: true });

      await clickButton(page, 'halaman verifikasi berkas', { within: 'main' });
      expect(pathOf(page)).toBe('/verifikasi');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'story-')), `surat-${letterId}.pdf`);
      fs.writeFileSync(file, signedPdf);
      const input = await page.$('#berkas');
      await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
      await clickButton(page, 'Periksa keaslian');
      expect(await pageText(page, '[data-testid="verdict"]')).toBe(
        `VALID. Berkas surat-${letterId}.pdf asli, tidak diubah, dan diterbitkan oleh e-Office.`,
      );
      // The signing time as the QR page shows it, in WIB rather than ISO.
      expect(await pageText(page, '[data-testid="signed-at"]')).toMatch(
        /^\d{1,2} \S+ \d{4} pukul \d{2}\.\d{2} WIB$/,
      );
      await shot(page, '08-verdict');
      await guideShot(page, 'asn-verifikasi-berkas');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    } finally {
      await anonymous.context.close();
    }
    mark('verified');
  }, 30_000);

  test('the browsers met no console errors and no failed requests', () => {
    expect(log.problems).toEqual([]);
    // The only document answered 4xx is the refused passphrase.
    expect(log.documents4xx).toEqual([`kepala.diskominfo 422 POST /surat/${letterId}/tandatangan`]);
  });
});

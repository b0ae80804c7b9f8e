import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../support/browser';
import {
  clickButton,
  fillField,
  logIn,
  newBrowserLog,
  pageText,
  readNotice,
  type Session,
} from '../support/browser-actions';
import { guideShot } from '../support/guide-screenshots';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { pdfText, savePagePng } from '../support/pdf-text';
import { OUTPUT_DIR, screenshots } from '../support/screenshots';

/**
 * The whole chain of an incoming paper letter in headless Chromium against the real stack (SQLite, a
 * Temporal dev server, the worker): admin.diskominfo registers it with its scan and dispositions it to
 * the secretary, whose open dashboard counts it without a reload; the secretary forwards it to the
 * head; the head forwards it to staf1 and staf2 with an instruction, a note and a due date; staf1
 * reports with a file, staf2 finishes; the letter closes; the lembar disposisi holds every instruction.
 */
const SUBJECT = 'Undangan Rapat Koordinasi Satu Data Indonesia';
const NOTE_ADMIN = 'Mohon arahan Bapak Sekretaris.';
const NOTE_SECRETARY = 'Untuk arahan Kepala Dinas.';
const NOTE_HEAD = 'Hadiri dan siapkan bahan paparan Satu Data.';
const REPORT = 'Bahan paparan Satu Data telah disiapkan dan dikirim ke panitia.';

let s: LetterStack;
let browser: Browser | undefined;
let origin: string;
let incomingId: number;
let names: Record<string, string>;
let workDir: string;
const log = newBrowserLog();
const people: Record<string, Session> = {};

const shot = screenshots('incoming-story');

async function pdfFile(name: string, text: string): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font });
  const file = path.join(workDir, name);
  fs.writeFileSync(file, await doc.save());
  return file;
}

async function upload(page: Page, selector: string, file: string) {
  const input = await page.$(selector);
  await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(file);
}

const letterPage = () => `${origin}/surat-masuk/${incomingId}`;
const statusOf = (page: Page, to: string) =>
  page.$$eval(
    '[data-testid="disposition"]',
    (els, name) =>
      els
        .filter((el) => el.querySelector(':scope > div [data-testid="disposition-to"]')?.textContent === name)
        .map((el) =>
          el.querySelector(':scope > div [data-testid="disposition-status"]')?.textContent?.trim(),
        ),
    to,
  );

/** Opens the letter from "Surat Masuk" → "Disposisi Saya", by its subject; `picture` is the list, for the guide. */
async function openFromMyDispositions(page: Page, picture?: string) {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await clickButton(page, 'Surat Masuk', { within: '#menu-utama' });
  if (picture) await guideShot(page, picture);
  await clickButton(page, SUBJECT, { within: '[data-testid="incoming-list"]' });
  expect(new URL(page.url()).pathname).toBe(`/surat-masuk/${incomingId}`);
}

/** Brings a form into the viewport and takes the guide's picture of it as filled in. */
async function formShot(page: Page, form: string, picture: string) {
  await page.$eval(form, (el) => el.scrollIntoView({ block: 'center' }));
  await guideShot(page, picture);
}

/**
 * Ticks receivers (by name), picks the instruction, types the note and due date, and sends the form;
 * `picture` is the filled form, for the guide.
 */
async function dispose(
  page: Page,
  form: string,
  input: { to: string[]; instruction: string; note: string; dueDate?: string; picture?: string },
) {
  for (const name of input.to) await fillField(page, name, true, { within: form });
  await fillField(page, 'Petunjuk', input.instruction, { within: form });
  await fillField(page, 'Catatan', input.note, { within: form });
  if (input.dueDate) {
    await page.$eval(
      `${form} input[type=date]`,
      (el, v) => ((el as HTMLInputElement).value = v),
      input.dueDate,
    );
  }
  if (input.picture) await formShot(page, form, input.picture);
  const button = await page.$eval(`${form} button[type=submit]`, (b) => (b.textContent ?? '').trim());
  await clickButton(page, button, { within: form });
}

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'incoming-story-'));
  s = await startLetterStack({ kind: 'sqlite' });
  origin = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  const rows = await s.t.db('users').select('username', 'name');
  names = Object.fromEntries(rows.map((r) => [r.username, r.name]));
  browser = await launchBrowser();
  for (const username of [
    'admin.diskominfo',
    'sekretaris.diskominfo',
    'kepala.diskominfo',
    'staf1.diskominfo',
    'staf2.diskominfo',
  ]) {
    people[username] = await logIn(browser, origin, username, log);
  }
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await s?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 60_000);

describe('an incoming paper letter from registration to the closed letter, in a browser', () => {
  test('the bagian umum registers the paper letter with its scan', async () => {
    const { page } = people['admin.diskominfo'];
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await clickButton(page, 'Surat Masuk', { within: '#menu-utama' });
    expect(await pageText(page, '[data-testid="empty-state"]')).toContain('Belum ada surat masuk');
    await clickButton(page, 'Registrasi Surat Kertas');
    await upload(page, '#scan', await pdfFile('undangan.pdf', SUBJECT));
    await fillField(page, 'Pengirim', 'Kementerian Komunikasi dan Digital');
    await fillField(page, 'Nomor surat', 'B-1234/DJAI/AI.01.01/11/2026');
    await page.$eval('#letterDate', (el) => ((el as HTMLInputElement).value = '2026-11-20'));
    await fillField(page, 'Perihal', SUBJECT);
    await fillField(page, 'Sifat', 'Penting');
    await fillField(page, 'Urgensi', 'Segera');
    await fillField(page, 'Klasifikasi', '000.1.2');
    await shot(page, '01-register-form');
    await guideShot(page, 'admin-opd-registrasi-surat-kertas', { fullPage: true });
    await clickButton(page, 'Simpan dan registrasi');
    incomingId = Number(/\/surat-masuk\/(\d+)/.exec(page.url())![1]);
    expect(await readNotice(page)).toContain('diregistrasi');
    const agenda = await pageText(page, '[data-testid="agenda-number"]');
    expect(agenda).toMatch(/^\d+\/\d{4}$/);
    // The scan opens inline, as the PDF it is.
    const scanHref = await page.$eval('[data-testid="document-link"]', (a) => a.getAttribute('href'));
    expect(scanHref).toBe(`/surat-masuk/${incomingId}/scan`);
    await shot(page, '02-registered');
    await guideShot(page, 'admin-opd-surat-kertas-terdaftar');
  }, 60_000);

  test('it dispositions to the secretary, whose open dashboard counts it live', async () => {
    const secretary = people['sekretaris.diskominfo'].page;
    const stream = secretary.waitForResponse((r) => r.url().endsWith('/api/v1/events'));
    await secretary.goto(`${origin}/`, { waitUntil: 'load' });
    await stream;
    const counter = '[data-testid="counter-disposition"] [data-count]';
    expect(await pageText(secretary, counter)).toBe('0');

    const { page } = people['admin.diskominfo'];
    await dispose(page, '[data-testid="dispose-form"]', {
      to: [names['sekretaris.diskominfo']],
      instruction: 'Untuk diproses sesuai ketentuan',
      note: NOTE_ADMIN,
      picture: 'admin-opd-disposisi-isi',
    });
    expect(await readNotice(page)).toBe('Disposisi telah dikirim kepada penerima.');
    expect(await statusOf(page, names['sekretaris.diskominfo'])).toEqual(['Belum dibaca']);
    await guideShot(page, 'admin-opd-disposisi-terkirim');

    // No reload: the counter and the bell follow the server's events, and a toast tells what came.
    await secretary.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '1',
      { timeout: 5_000 },
      counter,
    );
    await secretary.waitForSelector('[data-testid="live-toast"]', { timeout: 5_000 });
    expect(await pageText(secretary, '[data-testid="unread-badge"]')).toBe('1');
    await shot(secretary, '03-dashboard-live');
    await guideShot(secretary, 'asn-disposisi-baru-beranda');
  }, 60_000);

  test('the secretary opens it (read receipt) and forwards it to the head', async () => {
    const { page } = people['sekretaris.diskominfo'];
    await openFromMyDispositions(page, 'asn-surat-masuk-disposisi-saya');
    expect(await statusOf(page, names['sekretaris.diskominfo'])).toEqual(['Dibaca']);
    await guideShot(page, 'asn-surat-masuk-dibuka');
    await dispose(page, '[data-testid="forward-form"]', {
      to: [names['kepala.diskominfo']],
      instruction: 'Koordinasikan',
      note: NOTE_SECRETARY,
    });
    expect(await readNotice(page)).toBe('Disposisi telah diteruskan.');
    expect(await statusOf(page, names['sekretaris.diskominfo'])).toEqual(['Diteruskan']);
  }, 60_000);

  test('the head forwards it to staf1 and staf2 with an instruction, a note and a due date', async () => {
    const { page } = people['kepala.diskominfo'];
    await openFromMyDispositions(page);
    await guideShot(page, 'penandatangan-surat-masuk-dibuka');
    const due = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
      new Date(Date.now() + 3 * 86_400_000),
    );
    await dispose(page, '[data-testid="forward-form"]', {
      to: [names['staf1.diskominfo'], names['staf2.diskominfo']],
      instruction: 'Untuk ditindaklanjuti',
      note: NOTE_HEAD,
      dueDate: due,
      picture: 'penandatangan-teruskan-disposisi',
    });
    expect(await readNotice(page)).toBe('Disposisi telah diteruskan.');
    expect(await statusOf(page, names['staf1.diskominfo'])).toEqual(['Belum dibaca']);
    expect(await statusOf(page, names['staf2.diskominfo'])).toEqual(['Belum dibaca']);
    await shot(page, '04-head-forwarded');
    await guideShot(page, 'penandatangan-disposisi-diteruskan');
    // The guide shows the closing confirmation; "Batal" leaves the letter open for the staff's reports.
    await clickButton(page, 'Tutup surat', { within: '[data-testid="actions"]' });
    expect(await pageText(page, 'h1')).toBe('Tutup Surat Masuk');
    await fillField(page, 'Catatan (boleh dikosongkan)', 'Sudah ditindaklanjuti melalui rapat.');
    await guideShot(page, 'penandatangan-tutup-surat');
    await clickButton(page, 'Batal', { within: '[data-testid="confirm-form"]' });
    expect(await pageText(page, '[data-testid="incoming-status"]')).toBe('Dalam disposisi');
  }, 60_000);

  test('staf1 reports the follow-up with a file; staf2 finishes it', async () => {
    const staf1 = people['staf1.diskominfo'].page;
    await openFromMyDispositions(staf1);
    await fillField(staf1, 'Laporan', REPORT);
    await upload(
      staf1,
      '[data-testid="follow-up-form"] input[type=file]',
      await pdfFile('bahan-paparan.pdf', REPORT),
    );
    await formShot(staf1, '[data-testid="follow-up-form"]', 'asn-laporan-tindak-lanjut');
    await clickButton(staf1, 'Kirim laporan');
    expect(await readNotice(staf1)).toBe('Laporan tindak lanjut tersimpan.');
    expect(await statusOf(staf1, names['staf1.diskominfo'])).toEqual(['Selesai']);
    expect(await pageText(staf1, '[data-testid="follow-up"]')).toContain('bahan-paparan.pdf');
    await guideShot(staf1, 'asn-tindak-lanjut-terkirim');

    const staf2 = people['staf2.diskominfo'].page;
    await openFromMyDispositions(staf2);
    await staf2.setViewport({ width: 390, height: 844 });
    await shot(staf2, '05-phone-detail');
    await guideShot(staf2, 'asn-surat-masuk-ponsel');
    await staf2.setViewport({ width: 1280, height: 800 });
    await clickButton(staf2, 'Selesai', { within: '[data-testid="actions"]' });
    expect(await pageText(staf2, 'h1')).toBe('Selesaikan Disposisi');
    await fillField(staf2, 'Catatan', 'Rapat telah dihadiri.');
    await guideShot(staf2, 'asn-selesaikan-disposisi');
    await clickButton(staf2, 'Ya, selesai');
    expect(await readNotice(staf2)).toBe('Disposisi telah Anda selesaikan.');
  }, 60_000);

  test('every branch is finished: the letter shows "Selesai" to the head', async () => {
    const { page } = people['kepala.diskominfo'];
    const end = Date.now() + 15_000;
    for (;;) {
      await page.goto(letterPage(), { waitUntil: 'load' });
      if ((await pageText(page, '[data-testid="incoming-status"]')) === 'Selesai' || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(await pageText(page, '[data-testid="incoming-status"]')).toBe('Selesai');
    expect(await page.$('[data-testid="actions"]')).toBeNull();
    expect(await pageText(page, '[data-testid="disposition-tree"]')).toContain(REPORT);
    await shot(page, '06-closed');
    await guideShot(page, 'penandatangan-surat-masuk-selesai');
  }, 60_000);

  test('the lembar disposisi PDF holds the agenda number, every instruction and note', async () => {
    const { page } = people['kepala.diskominfo'];
    const href = await page.$eval('[data-testid="sheet-link"]', (a) => a.getAttribute('href'));
    expect(href).toBe(`/surat-masuk/${incomingId}/lembar-disposisi`);
    const agenda = (await pageText(page, '[data-testid="agenda-number"]'))!;
    // Fetched with the head's session cookie, as the link in a new tab would be.
    const bytes = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return {
        type: res.headers.get('content-type'),
        data: Array.from(new Uint8Array(await res.arrayBuffer())),
      };
    }, href!);
    expect(bytes.type).toBe('application/pdf');
    const sheet = Buffer.from(bytes.data);
    savePagePng(sheet, 1, path.join(OUTPUT_DIR, 'incoming-story-07-lembar-disposisi.png'), 100);
    const text = pdfText(sheet);
    for (const expected of [
      'LEMBAR DISPOSISI',
      agenda,
      SUBJECT,
      'Untuk diproses sesuai ketentuan',
      'Koordinasikan',
      'Untuk ditindaklanjuti',
      NOTE_ADMIN,
      NOTE_SECRETARY,
      NOTE_HEAD,
      REPORT,
    ]) {
      expect(text).toContain(expected);
    }
  }, 60_000);

  test('the browsers met no console errors, failed requests or refused pages', () => {
    expect(log.problems).toEqual([]);
    expect(log.documents4xx).toEqual([]);
  });
});

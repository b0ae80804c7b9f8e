/**
 * The staff sync pages in Chromium, against the real worker, Temporal and a local SMART stand-in: the
 * superadmin starts a sync from SMART and watches it finish (the page's own polling script reloads
 * it), uploads an XLSX through the form, and sees a renamed binary refused, with no CSP violation.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../support/browser';
import { clickButton, logIn, newBrowserLog, pageText, type BrowserLog } from '../support/browser-actions';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { SMART_FIXTURES, SMART_TOKEN, startSmartServer, type SmartServer } from '../support/smart-server';

jest.setTimeout(180_000);

let smart: SmartServer;
let stack: LetterStack;
let browser: Browser;
let origin: string;
let log: BrowserLog;
let page: Page;

beforeAll(async () => {
  smart = await startSmartServer();
  stack = await startLetterStack({ env: { SMART_URL: smart.url, SMART_TOKEN } });
  origin = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  log = newBrowserLog();
  ({ page } = await logIn(browser, origin, 'superadmin', log));
});
afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await smart?.close();
});

const fileInput = async () => (await page.$('#export-file')) as ElementHandle<HTMLInputElement>;

/** Waits on the run page until the polling script has reloaded it with the final status. */
async function finishedRun(): Promise<string | null> {
  await page.waitForFunction(
    () =>
      ['Selesai', 'Gagal'].includes(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
    { timeout: 60_000 },
  );
  return pageText(page, '[data-testid="run-status"]');
}

test('a sync from SMART: empty history, start, progress page, report with the rejected rows', async () => {
  await page.goto(`${origin}/admin/smart`, { waitUntil: 'load' });
  expect(await pageText(page, '[data-testid="runs-empty"]')).toBe('Belum pernah ada sinkronisasi.');
  await clickButton(page, 'Sinkronkan dari SMART');
  expect(page.url()).toMatch(/\/admin\/smart\/proses\/\d+$/);
  expect(await finishedRun()).toBe('Selesai');
  expect(await pageText(page, '[data-testid="run-counts"]')).toBe(
    '383 Baru 2 Diperbarui 0 Tidak berubah 0 Dinonaktifkan 15 Ditolak',
  );
  expect(await pageText(page, '[data-testid="rejections"]')).toContain('OPD tidak dikenal (DISHUB)');
});

test('an XLSX uploaded through the form runs, and a renamed binary is refused on the page', async () => {
  await page.goto(`${origin}/admin/smart`, { waitUntil: 'load' });
  await fileInput().then((input) => input.uploadFile(path.join(SMART_FIXTURES, 'staff.xlsx')));
  await clickButton(page, 'Unggah dan sinkronkan');
  expect(await finishedRun()).toBe('Selesai');
  expect(await pageText(page, '[data-testid="run-counts"]')).toBe(
    '0 Baru 0 Diperbarui 385 Tidak berubah 0 Dinonaktifkan 15 Ditolak',
  );

  await page.goto(`${origin}/admin/smart`, { waitUntil: 'load' });
  expect(await pageText(page, '[data-testid="runs"]')).toContain('Berkas XLSX');
  const binary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smart-')), 'pegawai.csv');
  fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
  await fileInput().then((input) => input.uploadFile(binary));
  await clickButton(page, 'Unggah dan sinkronkan', { navigate: false });
  await page.waitForFunction(() => document.querySelector('[data-testid="upload-error"]')?.textContent);
  expect(await pageText(page, '[data-testid="upload-error"]')).toBe(
    'Jenis berkas tidak didukung. Unggah berkas CSV atau XLSX.',
  );
  // The refused upload is the only answer that was not a success.
  expect(log.problems.filter((p) => !p.includes('HTTP 415 POST /api/v1/staff-sync/upload'))).toEqual([]);
  expect(log.documents4xx).toEqual([]);
});

/**
 * The staff sync pages in Chromium, against the real worker, Temporal and a local SMART stand-in: the
 * superadmin starts a sync from SMART and watches it finish (the page's own polling script reloads
 * it), uploads an XLSX through the form, and sees a renamed binary refused, with no CSP violation.
 * Without JavaScript, the same form posted as plain multipart (session cookie and `_csrf` field)
 * starts a run from a CSV, and its refusals store nothing.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import request from 'supertest';
import { closeBrowser, launchBrowser } from '../support/browser';
import { clickButton, logIn, newBrowserLog, pageText, type BrowserLog } from '../support/browser-actions';
import { csrfIn, formLogin } from '../support/form-login';
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
  expect(log.problems.filter((p) => !p.includes('HTTP 415 POST /admin/smart/unggah'))).toEqual([]);
  expect(log.documents4xx).toEqual([]);
});

test('without JavaScript: a plain multipart form POST starts a run from a CSV; refusals store nothing', async () => {
  const db = stack.t.db;
  const { cookie } = await formLogin(stack.server, 'superadmin');
  const form = await request(stack.server).get('/admin/smart').set('Cookie', cookie!);
  expect(form.text).toContain('action="/admin/smart/unggah" enctype="multipart/form-data"');
  expect(form.text).not.toContain('<noscript>');
  const csrf = csrfIn(form.text)!;
  const stored = async () => ({
    files: Number((await db('files').count({ n: '*' }))[0].n),
    runs: Number((await db('staff_sync_runs').count({ n: '*' }))[0].n),
  });
  const post = (bytes: Buffer, name: string, token: string | null = csrf) => {
    const req = request(stack.server).post('/admin/smart/unggah').set('Cookie', cookie!);
    if (token !== null) req.field('_csrf', token);
    return req.attach('file', bytes, name);
  };
  const csv = fs.readFileSync(path.join(SMART_FIXTURES, 'staff.csv'));
  const before = await stored();

  expect((await post(csv, 'pegawai.csv', null)).status).toBe(403);
  expect((await post(csv, 'pegawai.csv', 'bukan-token')).status).toBe(403);
  // Only the header row: the form comes back with the reason on it.
  const empty = await post(Buffer.from('nip,nama,jabatan,kode_opd\n'), 'kosong.csv');
  expect(empty.status).toBe(400);
  expect(empty.text).toMatch(
    /data-testid="upload-error">Berkas ekspor tidak berisi baris data pegawai\.<\/div>/,
  );
  expect(empty.text).toContain('aria-invalid="true"');
  // A binary renamed .csv is refused by content before anything is read.
  const binary = await post(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'pegawai.csv');
  expect(binary.status).toBe(415);
  expect(binary.text).toContain('Jenis berkas tidak didukung. Unggah berkas CSV atau XLSX.');
  expect(await stored()).toEqual(before);

  const started = await post(csv, 'pegawai.csv');
  expect(started.status).toBe(302);
  const runId = Number(/^\/admin\/smart\/proses\/(\d+)$/.exec(started.headers.location)![1]);
  expect(await stored()).toEqual({ files: before.files + 1, runs: before.runs + 1 });
  const superadmin = await db('users').where({ username: 'superadmin' }).first('id');
  let run = await db('staff_sync_runs').where({ id: runId }).first();
  expect([run.source, Number(run.triggered_by)]).toEqual(['csv', Number(superadmin.id)]);
  const file = await db('files').where({ id: run.file_id }).first();
  expect([file.mime, file.original_name]).toEqual(['text/csv', 'pegawai.csv']);
  for (let i = 0; i < 240 && !['finished', 'failed'].includes(run.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = await db('staff_sync_runs').where({ id: runId }).first();
  }
  // The same export as the XLSX before it: nothing to change, the same rows rejected.
  expect([run.status, Number(run.unchanged), Number(run.rejected), Number(run.created)]).toEqual([
    'finished',
    385,
    15,
    0,
  ]);
  const shown = await request(stack.server).get(started.headers.location).set('Cookie', cookie!);
  expect(shown.text).toContain('Berkas CSV');
});

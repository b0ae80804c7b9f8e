import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { agendaWorkflowId } from '../../workflows/agenda-item-types';
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
import { DESKTOP, OUTPUT_DIR, PHONE, screenshots } from '../support/screenshots';

/**
 * The agenda in headless Chromium on the real stack (SQLite, Temporal dev server, worker): a staff
 * member adds an activity through the form, finds it in the month calendar (a grid on a desktop, a day
 * list on a phone), then marks it done with the output and a photo; its reminder workflow completes.
 */
const TITLE = 'Rapat Koordinasi Pengembangan Aplikasi Desa';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

let s: LetterStack;
let browser: Browser | undefined;
let origin: string;
let staff: Session;
let itemId: number;
const log = newBrowserLog();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-agenda-e2e-'));

const shot = screenshots('agenda');

/** Date and time inputs take their value as the browser's own picker would set it. */
const setInput = (page: Page, id: string, value: string) =>
  page.$eval(`#${id}`, (el, v) => ((el as HTMLInputElement).value = v), value);

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  s = await startLetterStack({ certificateHolders: [] });
  origin = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await s?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the agenda in a browser', () => {
  test('a staff member adds an activity through the form', async () => {
    staff = await logIn(browser!, origin, 'staf1.diskominfo', log);
    const { page } = staff;
    expect(await page.$('[data-testid="dashboard-agenda"]')).not.toBeNull();
    await clickButton(page, 'Agenda', { within: 'nav' });
    expect(new URL(page.url()).pathname).toBe('/agenda');
    expect(await page.$('[data-testid="empty-state"]')).not.toBeNull();
    await clickButton(page, 'Tambah Kegiatan', { within: 'main' });
    expect(await pageText(page, 'h1')).toBe('Tambah Kegiatan');

    const colleague = await s.t.db('users').where({ username: 'staf2.diskominfo' }).first('name');
    await fillField(page, 'Nama kegiatan', TITLE);
    await fillField(page, 'Tempat', 'Ruang Rapat Diskominfo');
    await setInput(page, 'startDate', today());
    await setInput(page, 'startTime', '13:00');
    await setInput(page, 'endDate', today());
    await setInput(page, 'endTime', '15:30');
    await fillField(page, 'Target keluaran', 'Notulen dan daftar hadir');
    await fillField(page, colleague.name, true);
    await shot(page, 'form-desktop');
    await guideShot(page, 'asn-agenda-tambah', { fullPage: true });
    await clickButton(page, 'Simpan', { within: '[data-testid="agenda-form"]' });

    const match = /^\/agenda\/(\d+)$/.exec(new URL(page.url()).pathname);
    expect(match).not.toBeNull();
    itemId = Number(match![1]);
    expect(await readNotice(page)).toContain('Kegiatan telah dicatat');
    expect(await pageText(page, 'h1')).toBe(TITLE);
    expect(await pageText(page, '[data-testid="agenda-participants"]')).toContain(colleague.name);
    await guideShot(page, 'asn-agenda-tersimpan');
    const row = await s.t.db('agenda_items').where({ id: itemId }).first();
    expect(row).toMatchObject({ title: TITLE, status: 'planned', target_output: 'Notulen dan daftar hadir' });
    expect(new Date(Number(row.starts_at)).toISOString()).toBe(
      new Date(`${today()}T13:00:00+07:00`).toISOString(),
    );
    const described = await (await s.client()).workflow.getHandle(agendaWorkflowId(itemId)).describe();
    expect(described.status.name).toBe('RUNNING');
  });

  test('the activity is in the month calendar: a grid on a desktop, a day list on a phone', async () => {
    const { page } = staff;
    await page.goto(`${origin}/agenda`, { waitUntil: 'load' });
    await clickButton(page, 'Kalender', { within: 'main' });
    expect(new URL(page.url()).pathname).toBe('/agenda/kalender');
    const cell = `[data-testid="calendar-month"] [data-date="${today()}"]`;
    expect(await pageText(page, cell)).toContain(TITLE);
    expect(await pageText(page, cell)).toContain('13.00');
    await shot(page, 'calendar-desktop');
    await guideShot(page, 'asn-agenda-kalender');

    await page.setViewport(PHONE);
    const gridVisible = await page.$eval(
      '[data-testid="calendar-month"]',
      (el) => el.getBoundingClientRect().width > 0,
    );
    expect(gridVisible).toBe(false);
    expect(await pageText(page, `[data-testid="calendar-day-list"] li[data-date="${today()}"]`)).toContain(
      TITLE,
    );
    await shot(page, 'calendar-phone');
    await guideShot(page, 'asn-agenda-kalender-ponsel');
    await page.setViewport(DESKTOP);

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${cell} a`)]);
    expect(new URL(page.url()).pathname).toBe(`/agenda/${itemId}`);
  });

  test('marking it done asks for the output and a file; the reminders stop', async () => {
    const { page } = staff;
    await clickButton(page, 'Tandai selesai', { within: '[data-testid="agenda-actions"]' });
    expect(await pageText(page, 'h1')).toBe('Tandai Kegiatan Selesai');
    await fillField(page, 'Hasil kegiatan', 'Disepakati tiga desa percontohan; notulen terlampir.');
    const photo = path.join(workDir, 'foto-rapat.png');
    fs.writeFileSync(photo, PNG);
    const input = await page.$('#file');
    await (input as unknown as { uploadFile(f: string): Promise<void> }).uploadFile(photo);
    await shot(page, 'done-form-desktop');
    await guideShot(page, 'asn-agenda-selesai-isi');
    await clickButton(page, 'Simpan hasil dan tandai selesai');

    expect(new URL(page.url()).pathname).toBe(`/agenda/${itemId}`);
    expect(await readNotice(page)).toContain('ditandai selesai');
    expect(await pageText(page, '[data-testid="agenda-status"]')).toBe('Selesai');
    expect(await pageText(page, '[data-testid="agenda-output"]')).toContain('tiga desa percontohan');
    expect(await pageText(page, '[data-testid="agenda-files"]')).toBe('foto-rapat.png');
    expect(await page.$('[data-testid="agenda-actions"]')).toBeNull();
    await shot(page, 'done-desktop');
    await guideShot(page, 'asn-agenda-selesai');
    await page.setViewport(PHONE);
    await shot(page, 'done-phone');
    await page.setViewport(DESKTOP);

    const row = await s.t.db('agenda_items').where({ id: itemId }).first('status', 'output_report');
    expect(row.status).toBe('done');
    expect(await s.t.db('agenda_output_files').where({ agenda_item_id: itemId }).pluck('name')).toEqual([
      'foto-rapat.png',
    ]);
    const handle = (await s.client()).workflow.getHandle(agendaWorkflowId(itemId));
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  test('a staff member makes a calendar subscription address', async () => {
    const { page } = staff;
    await page.goto(`${origin}/agenda`, { waitUntil: 'load' });
    await clickButton(page, 'Langganan kalender', { within: 'main' });
    expect(await pageText(page, '[data-testid="feed-status"]')).toBe(
      'Anda belum memiliki alamat langganan kalender.',
    );
    await clickButton(page, 'Buat alamat langganan', { within: 'main' });
    const feedUrl = await page.$eval('[data-testid="feed-url"]', (el) => (el as HTMLInputElement).value);
    expect(feedUrl).toMatch(/^https?:\/\/.+/);
    await guideShot(page, 'asn-agenda-langganan');
  });

  test('no page had a console error, a failed request or a CSP violation', () => {
    expect(log.problems).toEqual([]);
    expect(log.documents4xx).toEqual([]);
  });
});

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../support/browser';
import {
  clickButton,
  fillField,
  logIn,
  newBrowserLog,
  pageText,
  type Session,
} from '../support/browser-actions';
import { guideShot } from '../support/guide-screenshots';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { LettersApi, castMembers, diskominfoCast, driveLetter, letterBody } from '../support/letter-story';
import { TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';
import { DESKTOP, OUTPUT_DIR, PHONE, screenshots } from '../support/screenshots';

/**
 * The administration pages of the archive in headless Chromium against the real stack (SQLite,
 * Temporal dev server, worker, CA): a letter is driven to "sent" through the API, then the superadmin
 * goes Administrasi → Arsip, finds it, downloads the agenda book and sees the statistics charts drawn;
 * the bagian umum of a recipient OPD finds only its own OPD's copy.
 */
const SUBJECT = 'Undangan Rapat Evaluasi Arsip Digital';

let s: LetterStack;
let browser: Browser | undefined;
let origin: string;
const log = newBrowserLog();
let letterId: number;
let letterNumber: string;

const shot = screenshots('admin');

/** Subjects and kinds of the rows the archive page lists. */
const resultRows = (page: Page) =>
  page.$$eval('[data-testid="archive-results"] tbody tr', (rows) =>
    rows.map((r) => `${r.getAttribute('data-kind')} ${r.querySelector('td a')?.textContent?.trim()}`),
  );

/** Every chart canvas of the page, once Chart.js has drawn it: its size and whether a chart owns it. */
async function drawnCharts(page: Page) {
  await page.waitForFunction(
    () => {
      const chart = (window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): unknown } }).Chart;
      const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]'));
      return chart && canvases.length > 0 && canvases.every((c) => chart.getChart(c));
    },
    { timeout: 10_000 },
  );
  return page.$$eval('canvas[data-chart]', (canvases) =>
    canvases.map((c) => {
      const box = c.getBoundingClientRect();
      return { chart: c.getAttribute('data-chart'), width: box.width, height: box.height, pixels: c.width };
    }),
  );
}

/** A same-origin download from inside the page (with its session cookie), as the browser would fetch it. */
const download = (page: Page, url: string) =>
  page.evaluate(async (u) => {
    const res = await fetch(u);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      text: new TextDecoder().decode(bytes),
      firstBytes: Array.from(bytes.slice(0, 4)),
    };
  }, url);

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  s = await startLetterStack({ kind: 'sqlite', certificateHolders: ['kepala.diskominfo'] });
  origin = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  const cast = diskominfoCast(TEST_PASSPHRASE);
  const api = new LettersApi(origin);
  await api.login(castMembers(cast), DEMO_PASSWORD);
  const letter = await driveLetter(api, cast, 'sent', {
    body: letterBody({ recipients: [s.opd.DISDIK], cc: [s.opd.SETDA] }, { subject: SUBJECT }),
  });
  letterId = letter.id;
  letterNumber = letter.number!;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await closeBrowser(browser);
  await s?.stop();
});

describe('archive administration in a browser', () => {
  let admin: Session;

  test('the superadmin opens Administrasi, then the archive, and finds the letter by number and subject', async () => {
    admin = await logIn(browser!, origin, 'superadmin', log);
    const { page } = admin;
    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    expect(await pageText(page, 'h1')).toBe('Administrasi');
    await clickButton(page, 'Arsip dan Buku Agenda', { within: 'main' });
    expect(new URL(page.url()).pathname).toBe('/arsip');
    expect(await pageText(page, 'h1')).toBe('Arsip Surat');

    await fillField(page, 'Kata kunci', letterNumber);
    await clickButton(page, 'Cari', { within: '[data-testid="archive-search"]' });
    // The outgoing letter and its incoming copies in Disdik and Setda.
    expect((await resultRows(page)).sort()).toEqual([
      `keluar ${SUBJECT}`,
      `masuk ${SUBJECT}`,
      `masuk ${SUBJECT}`,
    ]);

    await fillField(page, 'Kata kunci', 'evaluasi arsip');
    await fillField(page, 'Jenis', 'Surat keluar');
    await clickButton(page, 'Cari', { within: '[data-testid="archive-search"]' });
    expect(await resultRows(page)).toEqual([`keluar ${SUBJECT}`]);
    await shot(page, 'archive-desktop');
    await page.setViewport(PHONE);
    // On a phone the kind, status and date sit under the subject: the table does not scroll sideways.
    const sideways = await page.$eval('.table-responsive', (el) => el.scrollWidth - el.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    const phoneDetails = await page.$$eval('[data-testid="row-phone-details"]', (els) =>
      els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
    expect(phoneDetails).toEqual([expect.stringMatching(/^Keluar \S.* \d{1,2} \S+ 2026$/)]);
    await shot(page, 'archive-phone');
    await page.setViewport(DESKTOP);
    expect(await page.$eval('[data-testid="row-phone-details"]', (el) => getComputedStyle(el).display)).toBe(
      'none',
    );

    await clickButton(page, SUBJECT, { within: '[data-testid="archive-results"]' });
    expect(new URL(page.url()).pathname).toBe(`/surat/${letterId}`);
  });

  test('the superadmin downloads the outgoing agenda book of Diskominfo', async () => {
    const { page } = admin;
    await page.goto(`${origin}/arsip`, { waitUntil: 'load' });
    const form = await page.$eval('[data-testid="agenda-export"] form', (f) => f.getAttribute('action'));
    expect(form).toBe('/arsip/buku-agenda.xlsx');
    const query = new URLSearchParams({
      jenis: 'keluar',
      opd: String(s.opd.DISKOMINFO),
      dari: await page.$eval('#agenda-dari', (el) => (el as HTMLInputElement).value),
      sampai: await page.$eval('#agenda-sampai', (el) => (el as HTMLInputElement).value),
    });
    const csv = await download(page, `/arsip/buku-agenda.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toMatch(/^attachment; filename="buku-agenda-keluar-diskominfo-.*\.csv"$/);
    expect(csv.firstBytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain('Nomor Surat,Tanggal Surat,Perihal,Tujuan,Penandatangan');
    expect(csv.text).toContain(letterNumber);
    expect(csv.text).toContain(SUBJECT);
    const xlsx = await download(page, `/arsip/buku-agenda.xlsx?${query}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.disposition).toMatch(/\.xlsx"$/);
    expect(xlsx.firstBytes).toEqual([0x50, 0x4b, 0x03, 0x04]); // a ZIP container, as XLSX is
  });

  test('the statistics page draws both charts and shows the same data as a table', async () => {
    const { page } = admin;
    await page.goto(`${origin}/arsip`, { waitUntil: 'load' });
    await clickButton(page, 'Statistik', { within: 'main' });
    expect(await pageText(page, 'h1')).toBe('Statistik Surat');
    const charts = await drawnCharts(page);
    expect(charts.map((c) => c.chart)).toEqual(['letters', 'steps']);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(50);
      expect(c.pixels).toBeGreaterThan(0);
    }
    expect(await pageText(page, '[data-testid="total-sent"]')).toBe('1');
    const steps = await page.$$eval('[data-testid="statistics-steps"] tbody tr', (rows) =>
      rows.map((r) => [r.querySelector('th')?.textContent, r.querySelectorAll('td')[0]?.textContent]),
    );
    expect(steps).toEqual([
      ['Verifikasi', '2'],
      ['Penomoran', '1'],
      ['Tanda tangan', '1'],
      ['Disposisi', '0'],
    ]);
    await shot(page, 'statistics-desktop');
    await guideShot(page, 'superadmin-statistik');
    await page.setViewport(PHONE);
    await page.reload({ waitUntil: 'load' });
    const phoneCharts = await drawnCharts(page);
    for (const c of phoneCharts) expect(c.width).toBeGreaterThan(100);
    await shot(page, 'statistics-phone');
    await page.setViewport(DESKTOP);
  });

  test('the dashboard of the superadmin carries the statistics card with its chart', async () => {
    const { page } = admin;
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(await page.$('[data-testid="dashboard-statistics"]')).not.toBeNull();
    const [chart] = await drawnCharts(page);
    expect(chart.width).toBeGreaterThan(100);
    await shot(page, 'dashboard-desktop');
  });

  test('the bagian umum of a recipient OPD sees only their own OPD’s copy', async () => {
    const disdik = await logIn(browser!, origin, 'admin.disdik', log);
    const { page } = disdik;
    // The electronic copy waits in "Surat Masuk Baru" with its registration form (left unsent).
    await clickButton(page, 'Surat Masuk Baru', { within: '#menu-utama' });
    await guideShot(page, 'admin-opd-surat-masuk-baru');
    await clickButton(page, SUBJECT, { within: 'main' });
    expect(await page.$('[data-testid="register-form"]')).not.toBeNull();
    await guideShot(page, 'admin-opd-registrasi-surat-elektronik');

    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    await clickButton(page, 'Arsip dan Buku Agenda', { within: 'main' });
    expect(await page.$('#arsip-opd')).toBeNull();
    await fillField(page, 'Kata kunci', letterNumber);
    await clickButton(page, 'Cari', { within: '[data-testid="archive-search"]' });
    expect(await resultRows(page)).toEqual([`masuk ${SUBJECT}`]);
    const href = await page.$eval('[data-testid="archive-results"] tbody tr a', (a) =>
      a.getAttribute('href'),
    );
    const copy = await s.t
      .db('incoming_letters')
      .where({ letter_id: letterId, opd_id: s.opd.DISDIK })
      .first('id');
    expect(href).toBe(`/surat-masuk/${copy.id}`);
    await shot(page, 'archive-opd-desktop');
    await guideShot(page, 'admin-opd-arsip');
    await page.$eval('[data-testid="agenda-export"]', (el) => el.scrollIntoView({ block: 'center' }));
    await guideShot(page, 'admin-opd-buku-agenda');
    await clickButton(page, 'Statistik', { within: 'main' });
    await drawnCharts(page);
    await guideShot(page, 'admin-opd-statistik');

    const other = await download(page, `/arsip/buku-agenda.csv?jenis=keluar&opd=${s.opd.DISKOMINFO}`);
    expect(other.status).toBe(403);
    const own = await download(page, '/arsip/buku-agenda.csv?jenis=masuk');
    expect(own.status).toBe(200);
    const statistics = await download(page, `/api/v1/archive/statistics?opd=${s.opd.DISKOMINFO}`);
    expect(statistics.status).toBe(403);
    await disdik.context.close();
  });

  test('no page had a console error, a failed request or a CSP violation', () => {
    // The two refusals the test asked for on purpose are the only failed requests.
    const refused = [
      'admin.disdik HTTP 403 GET /arsip/buku-agenda.csv',
      'admin.disdik HTTP 403 GET /api/v1/archive/statistics',
    ];
    expect(log.problems).toEqual(refused);
  });
});

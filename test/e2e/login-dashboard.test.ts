import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, HTTPResponse, Page } from 'puppeteer';
import { projectRoot } from '../../lib/paths';
import { DEFAULT_INSTANCE_NAME } from '../../lib/settings/settings-values';
import { closeBrowser, launchBrowser } from '../support/browser';
import { guideShot } from '../support/guide-screenshots';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The browser path through the real app on SQLite: anonymous visitor → login page, a wrong password,
 * a good one, the dashboard of a verifikator (desktop and phone), logout.
 */
const USERNAME = 'verifikator1.diskominfo';
const OUTPUT_DIR = path.join(projectRoot, 'test-output');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let t: TestDatabase;
let server: Server;
let browser: Browser | undefined;
let page: Page;
let baseUrl: string;
let fullName: string;
/** Problems the browser ran into on any page: failed sub-resources, console errors, CSP violations. */
const browserProblems: string[] = [];

const text = (selector: string) =>
  page.$eval(selector, (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
const cookieNames = async () => (await browser!.cookies()).map((c) => c.name);
const pathAndQuery = () => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** Clicks something that submits a form and waits for the page it leads to. */
async function submitWith(selector: string): Promise<HTTPResponse | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  return response;
}

async function fillLogin(username: string, password: string): Promise<void> {
  // Clear first: after a failed login the form keeps the typed username.
  await page.$eval('#username', (el) => ((el as HTMLInputElement).value = ''));
  await page.$eval('#password', (el) => ((el as HTMLInputElement).value = ''));
  await page.type('#username', username);
  await page.type('#password', password);
}

async function isVisible(selector: string): Promise<boolean> {
  const handle = await page.$(selector);
  return handle ? handle.isVisible() : false;
}

async function savePng(name: string): Promise<string> {
  const file = path.join(OUTPUT_DIR, name);
  fs.rmSync(file, { force: true });
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5_000);
  return file;
}

beforeAll(async () => {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  const row = await t.db('users').where({ username: USERNAME }).first();
  fullName = row.name;
  server = createTestApp(t.config, t.db).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport(DESKTOP);
  page.on('console', (msg) => {
    // Failed loads are judged by the response listener below, which knows what was loaded.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      browserProblems.push(`console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => browserProblems.push(`page error: ${String(err)}`));
  page.on('requestfailed', (req) => browserProblems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    // Documents may legitimately be 4xx (a wrong password is a 401 page); styles and scripts may not.
    if (res.status() >= 400 && res.request().resourceType() !== 'document') {
      browserProblems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
}, 60_000);

afterAll(async () => {
  await closeBrowser(browser);
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.drop();
});

describe('login and dashboard in a browser', () => {
  test('an anonymous visitor of / is sent to the login form', async () => {
    const response = await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(pathAndQuery()).toBe('/login?next=%2F');
    expect(await text('h1')).toBe('Masuk ke e-Office');
    expect(await page.$('form[action="/login"] input[name="_csrf"]')).not.toBeNull();
    expect(await page.$eval('input[name="_csrf"]', (el) => (el as HTMLInputElement).value)).toMatch(/.{16,}/);
    expect(await text('form[action="/login"] button[type="submit"]')).toBe('Masuk');
    expect(await page.$('[data-testid="login-error"]')).toBeNull();
    expect(await page.$('[data-testid="user-name"]')).toBeNull();
  });

  test('a wrong password shows the Indonesian error and keeps the user logged out', async () => {
    await fillLogin(USERNAME, 'bukan-sandi-yang-benar');
    const response = await submitWith('form[action="/login"] button[type="submit"]');
    expect(response?.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await text('[data-testid="login-error"]')).toBe('NIP/nama pengguna atau kata sandi salah.');
    await guideShot(page, 'asn-masuk-gagal');
    expect(await page.$eval('#username', (el) => (el as HTMLInputElement).value)).toBe(USERNAME);
    expect(await page.$eval('#password', (el) => (el as HTMLInputElement).value)).toBe('');
    expect(await cookieNames()).not.toContain('eoffice_session');
  });

  test('logging in through the form shows the dashboard of a verifikator', async () => {
    await fillLogin(USERNAME, DEMO_PASSWORD);
    await guideShot(page, 'asn-masuk');
    const response = await submitWith('form[action="/login"] button[type="submit"]');
    expect(response?.status()).toBe(200);
    expect(pathAndQuery()).toBe('/');
    expect(await page.title()).toBe(`Beranda · ${DEFAULT_INSTANCE_NAME}`);

    expect(fullName).toBeTruthy();
    expect(await text('h1')).toBe(`Selamat datang, ${fullName}`);
    const navbarName = await page.$eval('[data-testid="user-name"]', (el) => (el as HTMLElement).innerText);
    expect(navbarName.split('\n').map((line) => line.trim())).toEqual([
      fullName,
      'Dinas Komunikasi, Informatika, Statistik dan Persandian',
    ]);
    expect(await isVisible('[data-testid="user-name"]')).toBe(true);
    expect(await isVisible('[data-testid="logout"]')).toBe(true);

    // The counters this role has, with their numbers as the page shows them; a fresh seed has no work.
    expect(await text('[data-testid="counter-verify"] [data-count]')).toBe('0');
    expect(await text('[data-testid="counter-verify"]')).toContain('Perlu Diverifikasi');
    expect(await text('[data-testid="counter-disposition"] [data-count]')).toBe('0');
    expect(await text('[data-testid="counter-overdue"] [data-count]')).toBe('0');
    expect(await page.$('[data-testid="overdue"]')).toBeNull();
    // Kinds a verifikator does not handle have no counter at all.
    for (const kind of ['number', 'sign', 'incoming']) {
      expect(await page.$(`[data-testid="counter-${kind}"]`)).toBeNull();
    }
    const counters = await page.$$eval('[data-testid^="counter-"]', (els) =>
      els.map((el) => el.getAttribute('data-testid')),
    );
    expect(counters).toEqual(['counter-verify', 'counter-disposition', 'counter-overdue']);
    expect(await page.$eval('[data-testid="counter-verify"]', (el) => el.getAttribute('href'))).toBe(
      '/tugas/verify',
    );

    // Bootstrap's stylesheet is applied (served from node_modules): the desktop menu hides the toggler.
    expect(await isVisible('.navbar-toggler')).toBe(false);
    await savePng('dashboard.png');
  });

  test("the account page shows one's data and changes the password", async () => {
    await submitWith('[data-testid="account-link"]');
    expect(await text('h1')).toBe('Akun Saya');
    expect(await text('[data-testid="account-data"]')).toContain(USERNAME);
    await guideShot(page, 'asn-akun');

    await submitWith('a[href="/akun/sandi"]');
    await page.type('#currentPassword', DEMO_PASSWORD);
    await page.type('#newPassword', 'Sandi-Baru-Kuansing-2026');
    await page.type('#confirmation', 'Sandi-Baru-Kuansing-2026');
    await guideShot(page, 'asn-ganti-sandi');
    await submitWith('[data-testid="password-form"] button[type="submit"]');
    expect(pathAndQuery()).toBe('/akun?info=sandi');
    expect(await text('[data-testid="notice"]')).toBe(
      'Kata sandi Anda telah diganti. Sesi lain akun Anda telah diakhiri.',
    );
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  });

  test('on a phone the menu folds behind the toggler', async () => {
    await page.setViewport(PHONE);
    await page.reload({ waitUntil: 'load' });
    expect(await text('h1')).toBe(`Selamat datang, ${fullName}`);
    expect(await isVisible('.navbar-toggler')).toBe(true);
    expect(await isVisible('[data-testid="logout"]')).toBe(false);
    // Nothing sticks out sideways at 375 px.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    // The three agenda counters share one row: none wraps onto a row of its own.
    const agendaTops = await page.$$eval('[data-testid="dashboard-agenda"] .card', (cards) =>
      cards.map((card) => Math.round(card.getBoundingClientRect().top)),
    );
    expect(agendaTops).toHaveLength(3);
    expect(new Set(agendaTops).size).toBe(1);
    await savePng('dashboard-phone.png');
    await guideShot(page, 'asn-ponsel-beranda');

    // Bootstrap's script opens the menu, which holds the name and the logout button.
    await page.click('.navbar-toggler');
    // Bootstrap sets `show` once the opening transition ends: a click during it can miss the button.
    await page.waitForSelector('.navbar-collapse.show', { timeout: 5_000 });
    await page.waitForSelector('[data-testid="logout"]', { visible: true, timeout: 5_000 });
    expect(await page.$eval('.navbar-toggler', (el) => el.getAttribute('aria-expanded'))).toBe('true');
    expect(await isVisible('[data-testid="user-name"]')).toBe(true);
    await guideShot(page, 'asn-ponsel-menu');
  });

  test('the logout button ends the session', async () => {
    const session = (await browser!.cookies()).find((c) => c.name === 'eoffice_session');
    expect(session).toBeDefined();

    const response = await submitWith('[data-testid="logout"]');
    expect(response?.status()).toBe(200);
    expect(pathAndQuery()).toBe('/login?keluar=1');
    expect(await text('[role="status"]')).toBe('Anda telah keluar.');
    expect(await page.$('[data-testid="user-name"]')).toBeNull();
    expect(await cookieNames()).not.toContain('eoffice_session');

    await page.setViewport(DESKTOP);
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    expect(pathAndQuery()).toBe('/login?next=%2F');
    expect(await page.$('[data-testid="user-name"]')).toBeNull();

    // The old cookie is dead on the server too, not only forgotten by the browser.
    await browser!.setCookie({ name: session!.name, value: session!.value, domain: '127.0.0.1', path: '/' });
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    expect(pathAndQuery()).toBe('/login?next=%2F');
  });

  test('the browser met no failed requests or script errors', () => {
    expect(browserProblems).toEqual([]);
  });
});

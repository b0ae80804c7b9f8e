import type { Browser, BrowserContext, ElementHandle, HTTPResponse, Page } from 'puppeteer';
import { DEMO_PASSWORD } from './seeded';

/**
 * Small helpers for browser stories: each person in a fresh incognito context, and actions by what a
 * person sees (a button's text, a field's label) rather than by CSS selectors.
 */

/** What went wrong in the browser, and the documents that were answered 4xx (judged by the test). */
export interface BrowserLog {
  problems: string[];
  /** `<who> <status> <METHOD> <path>` of every same-origin document answered with 4xx. */
  documents4xx: string[];
}

export const newBrowserLog = (): BrowserLog => ({ problems: [], documents4xx: [] });

/** Collects console errors, page errors, failed same-origin requests and 4xx/5xx answers of one page. */
export function watchPage(page: Page, origin: string, log: BrowserLog, who: string): void {
  page.on('console', (msg) => {
    // A document answered 4xx on purpose logs "Failed to load resource"; the response listener judges it.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      log.problems.push(`${who} console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => log.problems.push(`${who} page error: ${String(err)}`));
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(origin)) {
      log.problems.push(`${who} failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
    }
  });
  page.on('response', (res) => {
    if (!res.url().startsWith(origin) || res.status() < 400) return;
    const what = `${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`;
    if (res.status() < 500 && res.request().resourceType() === 'document')
      log.documents4xx.push(`${who} ${what}`);
    else log.problems.push(`${who} HTTP ${what}`);
  });
}

/** Counts Content-Security-Policy violations of a page's documents as problems too. */
export async function watchCsp(page: Page, log: BrowserLog, who: string): Promise<void> {
  await page.exposeFunction('__cspViolation', (text: string) => log.problems.push(`${who} CSP: ${text}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation?: (s: string) => void }).__cspViolation;
      report?.(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export interface Session {
  username: string;
  context: BrowserContext;
  page: Page;
}

/** A fresh incognito context (its own cookies) with one page, watched, not logged in. */
export async function anonymousSession(
  browser: Browser,
  origin: string,
  log: BrowserLog,
  who = 'anonim',
): Promise<Session> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  watchPage(page, origin, log, who);
  await watchCsp(page, log, who);
  return { username: who, context, page };
}

/** Logs a person in through the login form, in a fresh incognito context; ends on the dashboard. */
export async function logIn(
  browser: Browser,
  origin: string,
  username: string,
  log: BrowserLog,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const session = await anonymousSession(browser, origin, log, username);
  const { page } = session;
  await page.goto(`${origin}/login`, { waitUntil: 'load' });
  await fillField(page, 'NIP atau nama pengguna', username);
  await fillField(page, 'Kata sandi', password);
  await clickButton(page, 'Masuk');
  if (!(await page.$('[data-testid="user-name"]'))) {
    throw new Error(`${username} could not log in: ${await pageText(page, '[data-testid="login-error"]')}`);
  }
  return session;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Text of the first element matching the selector (whitespace folded), or null if there is none. */
export async function pageText(page: Page, selector: string): Promise<string | null> {
  const el = await page.$(selector);
  if (!el) return null;
  return normalise(await el.evaluate((node) => (node as HTMLElement).innerText ?? node.textContent ?? ''));
}

/** The success notice at the top of a page ([data-testid=notice]), or null. */
export const readNotice = (page: Page) => pageText(page, '[data-testid="notice"]');
/** The error shown on a page ([data-testid=error], or a form's error), or null. */
export const readError = async (page: Page) =>
  (await pageText(page, '[data-testid="error"]')) ?? (await pageText(page, '[data-testid="form-error"]'));

/**
 * The visible button or link whose text (or aria-label) is `text`: an exact match wins over one that
 * starts with it. `within` narrows the search to a part of the page.
 */
async function findClickable(page: Page, text: string, within?: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle(
    (wanted: string, scope: string | null) => {
      const root = scope ? document.querySelector(scope) : document;
      if (!root) return null;
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
      const visible = (el: Element) => {
        const r = (el as HTMLElement).getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const candidates = Array.from(
        root.querySelectorAll('button, a, input[type=submit], [role=button]'),
      ).filter(visible);
      const names = candidates.map((el) => [
        norm((el as HTMLElement).innerText || (el as HTMLInputElement).value || ''),
        norm(el.getAttribute('aria-label') ?? ''),
      ]);
      const exact = candidates.find((_, i) => names[i].includes(wanted));
      return exact ?? candidates.find((_, i) => names[i].some((n) => n.startsWith(wanted))) ?? null;
    },
    text,
    within ?? null,
  );
  const el = handle.asElement() as ElementHandle<Element> | null;
  if (!el) {
    await handle.dispose();
    throw new Error(`No button or link "${text}"${within ? ` in ${within}` : ''} on ${page.url()}`);
  }
  return el;
}

/**
 * Clicks an element after scrolling it to the middle of the window, as a person would: Puppeteer only
 * scrolls it just into view, where a sticky bar (the form's action bar) can cover it and take the click.
 * Instantly, because Bootstrap makes scrolling smooth and the click would land mid-glide.
 */
async function clickInView(el: ElementHandle<Element>): Promise<void> {
  await el.evaluate((node) => node.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await el.click();
}

/**
 * Clicks a button or link by its text. By default waits for the page it leads to and returns its
 * response; with `navigate: false` only clicks (buttons that act on the page itself).
 */
export async function clickButton(
  page: Page,
  text: string,
  options: { within?: string; navigate?: boolean } = {},
): Promise<HTTPResponse | null> {
  const el = await findClickable(page, text, options.within);
  try {
    if (options.navigate === false) {
      await clickInView(el);
      return null;
    }
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), clickInView(el)]);
    return response;
  } finally {
    await el.dispose();
  }
}

/**
 * Fills the control a label names: text inputs and textareas are cleared and typed into, a rich-text
 * editor (labelled through aria-labelledby) is clicked and typed into, a select gets the option whose
 * text or value matches, a checkbox or radio is ticked. `within` narrows the search (a fieldset).
 */
export async function fillField(
  page: Page,
  label: string,
  value: string | true,
  options: { within?: string } = {},
): Promise<void> {
  const handle = await page.evaluateHandle(
    (wanted: string, scope: string | null) => {
      const root = scope ? document.querySelector(scope) : document;
      if (!root) return null;
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
      const labels = Array.from(root.querySelectorAll('label'));
      const texts = labels.map((l) => norm(l.textContent ?? ''));
      const found =
        labels.find((_, i) => texts[i] === wanted) ?? labels.find((_, i) => texts[i].startsWith(wanted));
      if (!found) return null;
      const byFor = found.htmlFor ? document.getElementById(found.htmlFor) : null;
      if (byFor) return byFor;
      const nested = found.querySelector('input, select, textarea');
      if (nested) return nested;
      return found.id ? document.querySelector(`[aria-labelledby~="${found.id}"]`) : null;
    },
    label,
    options.within ?? null,
  );
  const el = handle.asElement() as ElementHandle<Element> | null;
  if (!el) {
    await handle.dispose();
    throw new Error(`No field labelled "${label}" on ${page.url()}`);
  }
  try {
    const kind = await el.evaluate((node) => {
      const tag = node.tagName.toLowerCase();
      if ((node as HTMLElement).isContentEditable) return 'editable';
      if (tag === 'select') return 'select';
      if (tag === 'input' && ['checkbox', 'radio'].includes((node as HTMLInputElement).type)) return 'tick';
      return 'text';
    });
    if (kind === 'tick') {
      if (value !== true) throw new Error(`"${label}" is a checkbox or radio: pass true`);
      if (!(await el.evaluate((node) => (node as HTMLInputElement).checked))) await clickInView(el);
      return;
    }
    if (value === true) throw new Error(`"${label}" takes a value`);
    if (kind === 'select') {
      const option = await el.evaluate((node, wanted) => {
        const opts = Array.from((node as HTMLSelectElement).options);
        const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
        const hit =
          opts.find((o) => o.value === wanted || norm(o.text) === wanted) ??
          opts.find((o) => norm(o.text).startsWith(wanted));
        return hit?.value ?? null;
      }, value);
      if (option === null) throw new Error(`No option "${value}" in "${label}"`);
      await (el as ElementHandle<HTMLSelectElement>).select(option);
      return;
    }
    if (kind === 'editable') {
      await clickInView(el);
      await page.keyboard.type(value);
      return;
    }
    await el.evaluate((node) => ((node as HTMLInputElement).value = ''));
    await el.type(value);
  } finally {
    await el.dispose();
  }
}

/** Reloads the page until `check` is true (asynchronous work elsewhere), or fails after `timeoutMs`. */
export async function reloadUntil(
  page: Page,
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.reload({ waitUntil: 'load' });
  }
}

import puppeteer, { type Browser } from 'puppeteer';
import { HEADLESS_CHROMIUM_ARGS } from '../../lib/pdf/chromium-args';

/** Debian's Chromium; the network is closed, so Puppeteer never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/** A headless Chromium for end-to-end tests; close it with closeBrowser() in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: HEADLESS_CHROMIUM_ARGS,
    defaultViewport: { width: 1280, height: 800 },
  });
}

/** Closes the browser if there is one; safe to call from afterAll after a failed launch. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  try {
    await browser.close();
  } catch {
    // Already gone: kill whatever is left of the process.
    browser.process()?.kill('SIGKILL');
  }
}

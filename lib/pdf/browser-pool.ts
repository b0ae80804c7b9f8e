import puppeteer, { type Browser, type Page } from 'puppeteer';
import { pdfPoolPagesInUse, pdfRenderDuration } from '../metrics/metrics';
import { HEADLESS_CHROMIUM_ARGS } from './chromium-args';

const CHROMIUM_ARGS = [
  ...HEADLESS_CHROMIUM_ARGS,
  '--font-render-hinting=none', // the same glyph metrics as on screen, so line breaks do not shift
  // No host resolves: Chromium opens sockets (preconnects) even for requests the page then aborts.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** A render that takes longer has hung: its page is dropped so it cannot hold a slot forever. */
const RENDER_TIMEOUT_MS = 30_000;

export interface BrowserPoolOptions {
  chromiumPath: string;
  /** Pages rendering at once; further renders wait in a queue. */
  size: number;
}

/**
 * Turns self-contained HTML into A4 PDFs with one long-lived headless Chromium and at most `size`
 * reusable pages. Pages run no JavaScript and every request except data: URLs is aborted, so text
 * written by users can neither run nor fetch anything. Chromium is started on the first render and
 * again after it dies; a render it died under is retried once on the new one.
 */
export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private readonly idle: Page[] = [];
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`BrowserPool size must be a positive integer, got ${options.size}`);
    }
  }

  async renderPdf(html: string): Promise<Buffer> {
    await this.acquire();
    pdfPoolPagesInUse.inc();
    try {
      for (let attempt = 1; ; attempt++) {
        let browser: Browser | undefined;
        try {
          browser = await this.currentBrowser();
          // Started after the launch: a cold Chromium start is not the render's own time.
          const endTimer = pdfRenderDuration.startTimer();
          const pdf = await this.render(browser, html);
          endTimer();
          return pdf;
        } catch (error) {
          if (this.closed || browser?.connected) throw error;
          // Chromium died under this render or while starting (killed, out of memory): one more try on a
          // new one.
          if (attempt === 2) {
            throw new Error('Chromium stopped while rendering the PDF, twice', { cause: error });
          }
        }
      }
    } finally {
      pdfPoolPagesInUse.dec();
      this.release();
    }
  }

  /** The process id of the running Chromium, if one runs: for diagnostics and the crash tests. */
  async chromiumPid(): Promise<number | undefined> {
    const browser = await this.browser?.catch(() => null);
    return browser?.connected ? browser.process()?.pid : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = await this.browser?.catch(() => null);
    this.browser = null;
    this.idle.length = 0;
    if (!browser) return;
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  }

  private async render(browser: Browser, html: string): Promise<Buffer> {
    const page = this.takeIdlePage(browser) ?? (await this.openPage(browser));
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        timeout: RENDER_TIMEOUT_MS,
      });
      this.idle.push(page);
      return Buffer.from(pdf);
    } catch (error) {
      // A page that failed once is not trusted with the next letter.
      page.close().catch(() => undefined);
      throw error;
    }
  }

  private takeIdlePage(browser: Browser): Page | undefined {
    let page: Page | undefined;
    while ((page = this.idle.pop())) {
      if (page.browser() === browser && !page.isClosed()) return page;
    }
    return undefined;
  }

  private async openPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const allowed = request.url().startsWith('data:');
        (allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
      });
      return page;
    } catch (error) {
      page.close().catch(() => undefined);
      throw error;
    }
  }

  /** The running Chromium, or a new one when there is none or it died (killed, out of memory). */
  private async currentBrowser(): Promise<Browser> {
    if (this.closed) throw new Error('BrowserPool is closed');
    const current = this.browser;
    if (current) {
      const browser = await current.catch(() => null);
      if (browser?.connected) return browser;
      // Another render may have started the replacement while this one waited.
      if (this.browser !== current) return this.currentBrowser();
    }
    this.idle.length = 0;
    this.browser = this.launch();
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const browser = await puppeteer.launch({
      executablePath: this.options.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      // A pipe instead of a debugging port: no other local process can drive this Chromium.
      pipe: true,
      // The application decides when to stop; close() ends Chromium.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    // Whatever broke the connection, make sure no half-dead Chromium stays behind.
    browser.once('disconnected', () => browser.process()?.kill('SIGKILL'));
    return browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.size) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  /** Hands the slot straight to the next waiting render, if any. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}

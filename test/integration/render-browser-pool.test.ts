import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../lib/config';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { pdfText } from '../support/pdf-text';

/**
 * The PDF renderer against a real Chromium: a bounded pool shared by concurrent renders, pages that
 * run no script and reach nothing but data: URLs, and recovery when Chromium is killed.
 */
const { chromiumPath } = loadConfig().pdf;
const page = (body: string) => `<!doctype html><html lang="id"><body>${body}</body></html>`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  expect(processAlive(pid)).toBe(false);
}

let pool: BrowserPool;
beforeAll(() => {
  pool = new BrowserPool({ chromiumPath, size: 2 });
});
afterAll(() => pool.close());

describe('the browser pool', () => {
  it('renders many letters at once through two pages, each PDF with its own content', async () => {
    const started = Date.now();
    const pdfs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => pool.renderPdf(page(`<p>Naskah nomor ${i + 1} dari delapan</p>`))),
    );
    pdfs.forEach((pdf, i) => {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfText(pdf)).toBe(`Naskah nomor ${i + 1} dari delapan`);
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('runs no script in the page', async () => {
    const pdf = await pool.renderPdf(
      page(
        '<p id="isi">Teks asli</p>' +
          '<script>document.getElementById("isi").textContent = "Diubah oleh skrip";</script>' +
          '<img src="data:," onerror="document.body.append(\'Dijalankan onerror\')">',
      ),
    );
    expect(pdfText(pdf)).toBe('Teks asli');
  });

  it('fetches nothing from the network, whatever the HTML asks for', async () => {
    const requests: string[] = [];
    let connections = 0;
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('body { color: red }');
    });
    // Not even a socket: Chromium preconnects for a frame's navigation before the request is aborted.
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const pdf = await pool.renderPdf(
        page(
          `<link rel="stylesheet" href="${origin}/gaya.css">` +
            `<style>@import url("${origin}/impor.css"); @font-face { font-family: X; src: url("${origin}/huruf.woff"); }` +
            `p { font-family: X; background: url("${origin}/latar.png"); }</style>` +
            `<p>Tetap dicetak</p><img src="${origin}/gambar.png" alt=""><iframe src="${origin}/bingkai"></iframe>` +
            `<img src="file:///etc/passwd" alt="">`,
        ),
      );
      expect(pdfText(pdf)).toContain('Tetap dicetak');
      expect(requests).toEqual([]);
      expect(connections).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('starts a new Chromium on the next render after the old one was killed', async () => {
    await pool.renderPdf(page('<p>Sebelum</p>'));
    const killed = (await pool.chromiumPid())!;
    process.kill(killed, 'SIGKILL');
    await waitUntilGone(killed);

    const pdf = await pool.renderPdf(page('<p>Sesudah Chromium dihentikan</p>'));
    expect(pdfText(pdf)).toBe('Sesudah Chromium dihentikan');
    const replacement = await pool.chromiumPid();
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(killed);
  });

  it('retries the renders Chromium died under, on a new Chromium', async () => {
    await pool.renderPdf(page('<p>Pemanasan</p>'));
    const killed = (await pool.chromiumPid())!;
    const inFlight = [1, 2, 3].map((i) => pool.renderPdf(page(`<p>Dalam proses ${i}</p>`)));
    process.kill(killed, 'SIGKILL');
    const pdfs = await Promise.all(inFlight);
    pdfs.forEach((pdf, i) => expect(pdfText(pdf)).toBe(`Dalam proses ${i + 1}`));
    expect(await pool.chromiumPid()).not.toBe(killed);
  });

  it('refuses to render once closed, and closing twice is harmless', async () => {
    const closing = new BrowserPool({ chromiumPath, size: 1 });
    await closing.renderPdf(page('<p>Satu</p>'));
    const pid = (await closing.chromiumPid())!;
    await closing.close();
    await closing.close();
    await waitUntilGone(pid);
    await expect(closing.renderPdf(page('<p>Dua</p>'))).rejects.toThrow('BrowserPool is closed');
  });

  it('reports a Chromium that cannot start', async () => {
    const broken = new BrowserPool({ chromiumPath: '/nonexistent/chromium', size: 1 });
    await expect(broken.renderPdf(page('<p>x</p>'))).rejects.toThrow();
    await broken.close();
    expect(() => new BrowserPool({ chromiumPath, size: 0 })).toThrow(RangeError);
  });
});

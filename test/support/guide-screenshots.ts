import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { OUTPUT_DIR } from './screenshots';

/**
 * Where the browser tests leave the user guide's pictures. `npm run guide:images` publishes them to
 * docs/panduan/gambar, which e-Office serves under /bantuan; the guide test checks both sets.
 */
export const GUIDE_SHOTS_DIR = path.join(OUTPUT_DIR, 'panduan', 'gambar');

/**
 * Saves what the page shows as test-output/panduan/gambar/<name>.jpg, named in the guide's Markdown as
 * `![Keterangan](gambar/<name>.jpg)`. JPEG keeps the published pictures small enough to commit; the
 * viewport alone unless `fullPage`, so a long form stays readable in the printed guide.
 */
export async function guideShot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`guide picture name must be kebab-case: ${name}`);
  fs.mkdirSync(GUIDE_SHOTS_DIR, { recursive: true });
  const file = path.join(GUIDE_SHOTS_DIR, `${name}.jpg`) as `${string}.jpeg`;
  fs.rmSync(file, { force: true });
  await page.screenshot({ path: file, type: 'jpeg', quality: 80, fullPage: opts.fullPage ?? false });
  expect(fs.statSync(file).size).toBeGreaterThan(5_000);
}

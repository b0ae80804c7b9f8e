import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { projectRoot } from '../../lib/paths';

/** Where browser tests leave their screenshots (the user guide's pictures come from here). */
export const OUTPUT_DIR = path.join(projectRoot, 'test-output');
export const PHONE = { width: 375, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { width: 1280, height: 800 };

/** A full-page screenshot saver writing test-output/<prefix>-<name>.png, each checked to hold a page. */
export function screenshots(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = path.join(OUTPUT_DIR, `${prefix}-${name}.png`) as `${string}.png`;
    fs.rmSync(file, { force: true });
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(5_000);
  };
}

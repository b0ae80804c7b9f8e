import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import {
  GUIDE_DIR,
  GUIDE_IMAGES_DIR,
  loadUserGuide,
  type GuideChapter,
} from '../../lib/guide/load-user-guide';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { GUIDE_SHOTS_DIR } from '../support/guide-screenshots';
import { pdfImageCount, pdfPageCount, pdfText } from '../support/pdf-text';
import { OUTPUT_DIR } from '../support/screenshots';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The user guide (docs/panduan) as the test suite rebuilds it. It runs after the browser tests
 * (test/support/guide-last-sequencer.js): every picture the guide names must have been taken by them
 * and published in docs/panduan/gambar, nothing published may be left unnamed, every task has a
 * picture, the pages under /bantuan serve it, and the PDF export holds every chapter, task and picture
 * (written to test-output/panduan/panduan-pengguna.pdf).
 *
 * `npm run guide:images` runs this test with UPDATE_GUIDE_IMAGES=1: it first publishes the pictures the
 * browser tests took (and removes published ones no longer named), like updating a snapshot.
 */

jest.setTimeout(120_000);

const ROLE_CHAPTERS = ['asn', 'verifikator', 'admin-opd', 'penandatangan', 'superadmin'];

let guide: GuideChapter[];
let named: string[];

beforeAll(() => {
  guide = loadUserGuide();
  named = [...new Set(guide.flatMap((chapter) => chapter.images))].sort();
  if (process.env.UPDATE_GUIDE_IMAGES === '1') publishPictures(named);
});

/** Copies the named pictures from the browser tests' output into docs/panduan/gambar, dropping the rest. */
function publishPictures(files: string[]): void {
  fs.mkdirSync(GUIDE_IMAGES_DIR, { recursive: true });
  for (const old of fs.readdirSync(GUIDE_IMAGES_DIR)) {
    if (!files.includes(old)) fs.rmSync(path.join(GUIDE_IMAGES_DIR, old));
  }
  for (const file of files.filter((f) => fs.existsSync(path.join(GUIDE_SHOTS_DIR, f)))) {
    fs.copyFileSync(path.join(GUIDE_SHOTS_DIR, file), path.join(GUIDE_IMAGES_DIR, file));
  }
}

describe('the user guide’s sources', () => {
  it('has one chapter per role, in order, each task with at least one picture', () => {
    expect(guide.map((c) => c.slug)).toEqual(ROLE_CHAPTERS);
    for (const chapter of guide) {
      expect(chapter.title).not.toBe('');
      expect(chapter.tasks.length).toBeGreaterThanOrEqual(3);
      expect(chapter.tasks.filter((task) => task.images.length === 0).map((t) => t.id)).toEqual([]);
    }
    const ids = guide.flatMap((c) => c.tasks.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only pictures the browser tests took in this run (or the last one)', () => {
    const missing = named.filter((file) => !fs.existsSync(path.join(GUIDE_SHOTS_DIR, file)));
    // A name here is a picture no browser test takes any more (or the browser tests did not run yet).
    expect(missing).toEqual([]);
  });

  it('has exactly the named pictures published in docs/panduan/gambar (npm run guide:images)', () => {
    const published = fs.existsSync(GUIDE_IMAGES_DIR) ? fs.readdirSync(GUIDE_IMAGES_DIR).sort() : [];
    expect(published).toEqual(named);
    for (const file of published) {
      const bytes = fs.readFileSync(path.join(GUIDE_IMAGES_DIR, file));
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    }
  });
});

describe('Bantuan and the PDF export', () => {
  let t: TestDatabase;
  let server: Server;
  let pool: BrowserPool;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    server = createTestApp(t.config, t.db, undefined, undefined, pool).listen(0);
  });

  afterAll(async () => {
    server?.close();
    await pool?.close();
    await t?.drop();
  });

  it('serves the contents, each chapter with its tasks and pictures, to anyone without logging in', async () => {
    const contents = await request(server).get('/bantuan').expect(200);
    for (const chapter of guide) {
      expect(contents.text).toContain(`href="/bantuan/${chapter.slug}"`);
      const page = await request(server).get(`/bantuan/${chapter.slug}`).expect(200);
      for (const task of chapter.tasks) expect(page.text).toContain(`id="${task.id}"`);
      for (const file of chapter.images) expect(page.text).toContain(`src="/bantuan/gambar/${file}"`);
    }
    const picture = await request(server).get(`/bantuan/gambar/${named[0]}`).expect(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    const unknown = await request(server).get('/bantuan/tidak-ada').expect(404);
    expect(unknown.text).toContain('Bab panduan tidak ditemukan.');
  });

  it('prints every chapter, task and picture as one PDF under /bantuan/panduan.pdf', async () => {
    const res = await request(server).get('/bantuan/panduan.pdf').buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    fs.mkdirSync(path.join(OUTPUT_DIR, 'panduan'), { recursive: true });
    fs.writeFileSync(path.join(OUTPUT_DIR, 'panduan', 'panduan-pengguna.pdf'), pdf);
    const text = pdfText(pdf);
    expect(text).toContain('Panduan Pengguna');
    for (const chapter of guide) {
      expect(text).toContain(`Bab ${chapter.number}. ${chapter.title}`.replace(/\s+/g, ' '));
      for (const task of chapter.tasks) expect(text).toContain(task.title.replace(/\s+/g, ' '));
    }
    const pictures = guide.reduce((n, chapter) => n + chapter.render(() => '').split('<img').length - 1, 0);
    expect(pdfImageCount(pdf)).toBe(pictures);
    expect(pdfPageCount(pdf)).toBeGreaterThan(guide.length + 2);
  });
});

test('the guide’s README is not a chapter', () => {
  expect(fs.existsSync(path.join(GUIDE_DIR, 'README.md'))).toBe(true);
  expect(guide.every((c) => !c.title.includes('sources'))).toBe(true);
});

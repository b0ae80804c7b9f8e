import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'puppeteer';
import { createLogger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { lazyTemporalClient } from '../../lib/runtime/lazy-temporal-client';
import { createWorker, type RunningWorker } from '../../lib/worker/create-worker';
import { projectRoot } from '../../lib/paths';
import { closeBrowser, launchBrowser } from '../support/browser';
import { csrfIn, formLogin } from '../support/form-login';
import { addClassification, opdIds } from '../support/letters';
import { pdfText } from '../support/pdf-text';
import { issueTestCertificate, setupTestCa, TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTemporalDevServer } from '../support/temporal-server';

/**
 * The letter's page in the browser's way (session cookie, forms with CSRF, redirects), on SQLite, a real
 * Temporal dev server and worker, real Chromium for the PDFs and a real certificate: each party sees
 * where the letter is and acts on it from the page; strangers see nothing.
 */
describe('letter detail pages', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  let server: Server;
  let base: string;
  let running: RunningWorker;
  let runPromise: Promise<void>;
  let pool: BrowserPool;
  let browser: Browser | undefined;
  let opd: Record<string, number>;
  let letterId: number;
  const cookies: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const users: Record<string, { id: number; name: string }> = {};
  const PEOPLE = [
    'staf1.diskominfo',
    'verifikator1.diskominfo',
    'verifikator2.diskominfo',
    'admin.diskominfo',
    'kepala.diskominfo',
    'verifikator1.disdik',
    'admin.disdik',
  ];
  const SUBJECT = 'Permintaan Data Kepegawaian';
  const EDITED_SUBJECT = 'Permintaan Data Kepegawaian Tahun 2026';

  const get = (user: string, url: string) => request(server).get(url).set('Cookie', cookies[user]);
  /** Submits a page's form as a browser does: the CSRF token from the page, the fields as urlencoded. */
  async function submit(user: string, pageUrl: string, action: string, fields: Record<string, string>) {
    const page = await get(user, pageUrl);
    const csrf = csrfIn(page.text);
    expect(csrf).toBeDefined();
    return request(server)
      .post(action)
      .set('Cookie', cookies[user])
      .type('form')
      .send({ _csrf: csrf!, ...fields });
  }
  /** Reads a response body as bytes (a PDF). */
  const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const api = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const letterRow = () => t.db('letters').where({ id: letterId }).first();
  const versionNoOf = async (id: number) => {
    const row = await t.db('letters').where({ id }).first('current_version_id');
    return Number((await t.db('letter_versions').where({ id: row.current_version_id }).first()).version_no);
  };
  const content = () => ({
    kind: 'surat-dinas',
    subject: SUBJECT,
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    fields: {
      kepada: 'Kepala Dinas Pendidikan Kabupaten Kuantan Singingi',
      di: 'Teluk Kuantan',
      isi: '<p>Mohon data pegawai paling lambat akhir bulan.</p>',
      penutup: 'Demikian disampaikan.',
    },
    recipients: [opd.DISDIK, opd.DINKES],
    cc: [opd.SETDA],
  });

  async function newSubmittedLetter(): Promise<number> {
    const created = await request(server)
      .post('/api/v1/letters')
      .set(api('staf1.diskominfo'))
      .send(content());
    expect(created.status).toBe(201);
    const submitted = await request(server)
      .post(`/api/v1/letters/${created.body.id}/submit`)
      .set(api('staf1.diskominfo'))
      .send({
        baseVersionNo: 1,
        verifierIds: [users['verifikator1.diskominfo'].id, users['verifikator2.diskominfo'].id],
        signerId: users['kepala.diskominfo'].id,
      });
    expect(submitted.status).toBe(200);
    return Number(created.body.id);
  }

  beforeAll(async () => {
    env = await startTemporalDevServer();
    t = await createTestDatabase('sqlite', {
      env: {
        TEMPORAL_ADDRESS: env.connection.options.address,
        TEMPORAL_TASK_QUEUE: `letter-pages-${Date.now()}`,
        P12_KDF_ITERATIONS: '10000',
        PDF_POOL_SIZE: '1',
      },
    });
    await seedTestDatabase(t);
    await setupTestCa(t);
    await issueTestCertificate(t, { username: 'kepala.diskominfo' });
    await addClassification(t.db);
    opd = await opdIds(t.db);
    running = await createWorker(t.config);
    runPromise = running.worker.run();
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    server = createTestApp(t.config, t.db, lazyTemporalClient(t.config), createLogger('silent'), pool).listen(
      0,
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const user of PEOPLE) {
      const { cookie } = await formLogin(server, user);
      cookies[user] = cookie!;
      const res = await request(server)
        .post('/api/v1/auth/token')
        .send({ username: user, password: DEMO_PASSWORD });
      tokens[user] = res.body.token;
      users[user] = { id: res.body.user.id, name: res.body.user.name };
    }
  }, 180_000);
  afterAll(async () => {
    await closeBrowser(browser);
    server?.close();
    running?.worker.shutdown();
    await runPromise;
    await running?.close();
    await pool?.close();
    await t?.drop();
    await env?.teardown();
  });

  it('shows the drafter where the letter is, who holds it and until when; the task list links to it', async () => {
    letterId = await newSubmittedLetter();
    const page = await get('staf1.diskominfo', `/surat/${letterId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(SUBJECT);
    expect(page.text).toMatch(/data-testid="status-label">Sedang diverifikasi</);
    expect(page.text).toContain(`data-testid="holder">${users['verifikator1.diskominfo'].name}<`);
    expect(page.text).toMatch(/data-testid="due"[\s\S]*?Tenggat: \d{1,2} \w+ \d{4}.*WIB/);
    expect(page.text).toContain('Sifat: Penting');
    expect(page.text).toContain(`href="/surat/${letterId}/pdf"`);
    expect(page.text).toContain('Mengajukan surat untuk verifikasi');
    // The drafter has no verifier's buttons, only "Tarik surat".
    expect(page.text).not.toContain('data-testid="approve-form"');
    expect(page.text).toContain('data-testid="withdraw-link"');

    const tasks = await get('verifikator1.diskominfo', '/tugas/verify');
    expect(tasks.text).toContain(`href="/surat/${letterId}"`);
    // Verifier 2 waits for verifier 1: no task, no buttons.
    expect((await get('verifikator2.diskominfo', '/tugas/verify')).text).not.toContain(`/surat/${letterId}"`);
    expect((await get('verifikator2.diskominfo', `/surat/${letterId}`)).text).not.toContain('approve-form');
  });

  it('lets verifier 1 approve through the form', async () => {
    const page = await get('verifikator1.diskominfo', `/surat/${letterId}`);
    expect(page.text).toContain('data-testid="approve-form"');
    const res = await submit(
      'verifikator1.diskominfo',
      `/surat/${letterId}`,
      `/surat/${letterId}/verifikasi`,
      {
        decision: 'approve',
        baseVersionNo: '1',
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/surat/${letterId}?info=disetujui`);
    const after = await get('verifikator1.diskominfo', res.headers.location);
    expect(after.text).toContain('data-testid="notice"');
    expect(after.text).toContain(`data-testid="holder">${users['verifikator2.diskominfo'].name}<`);
    expect(after.text).not.toContain('data-testid="approve-form"');
    expect(after.text).toContain('menyetujui versi 1');
  });

  it('lets verifier 2 return it with a note (required), which the drafter then sees', async () => {
    const noNote = await submit(
      'verifikator2.diskominfo',
      `/surat/${letterId}`,
      `/surat/${letterId}/verifikasi`,
      { decision: 'return', baseVersionNo: '1', note: ' ' },
    );
    expect(noNote.status).toBe(409);
    expect(noNote.text).toContain('Tuliskan catatan perbaikan saat mengembalikan surat.');
    expect((await letterRow()).status).toBe('verifying');

    const NOTE = 'Lengkapi batas waktu pengiriman data.';
    const res = await submit(
      'verifikator2.diskominfo',
      `/surat/${letterId}`,
      `/surat/${letterId}/verifikasi`,
      {
        decision: 'return',
        baseVersionNo: '1',
        note: NOTE,
      },
    );
    expect(res.headers.location).toBe(`/surat/${letterId}?info=dikembalikan`);
    const drafter = await get('staf1.diskominfo', `/surat/${letterId}`);
    expect(drafter.text).toContain('Dikembalikan untuk diperbaiki');
    expect(drafter.text).toMatch(/data-testid="holder">[^<]+\(pembuat konsep\)</);
    expect(drafter.text).toMatch(new RegExp(`data-testid="step-note"[^>]*>[\\s\\S]*?${NOTE}`));
    expect(drafter.text).toContain('Mengembalikan surat untuk diperbaiki');
    // The returned draft is the drafter's again: edit and resubmit from its own page.
    expect(drafter.text).toContain(`href="/surat/${letterId}/ajukan"`);
    expect(drafter.text).toContain('Ajukan ulang');
    const verifier = await get('verifikator2.diskominfo', `/surat/${letterId}`);
    expect(verifier.text).not.toContain('data-testid="draft-actions"');
  });

  it('lets verifier 2 approve with edits after resubmission: a sanitised new version, shown as a diff', async () => {
    const again = await request(server)
      .post(`/api/v1/letters/${letterId}/submit`)
      .set(api('staf1.diskominfo'))
      .send({ baseVersionNo: 1 });
    expect(again.body.currentStep).toMatchObject({ index: 1 });
    // Verifier 1 may not open verifier 2's edit page.
    expect((await get('verifikator1.diskominfo', `/surat/${letterId}/verifikasi/ubah`)).status).toBe(409);

    const form = await get('verifikator2.diskominfo', `/surat/${letterId}/verifikasi/ubah`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${SUBJECT}"`);
    expect(form.text).toContain('name="field_isi"');
    expect(form.text).toContain('&lt;p&gt;Mohon data pegawai paling lambat akhir bulan.&lt;/p&gt;');
    expect(form.text).not.toContain('<iframe');

    const res = await submit(
      'verifikator2.diskominfo',
      `/surat/${letterId}/verifikasi/ubah`,
      `/surat/${letterId}/verifikasi/ubah`,
      {
        baseVersionNo: '1',
        subject: EDITED_SUBJECT,
        field_kepada: 'Kepala Dinas Pendidikan Kabupaten Kuantan Singingi',
        field_di: 'Teluk Kuantan',
        field_isi: '<p>Mohon data pegawai paling lambat 15 Desember 2026.</p><script>alert(1)</script>',
        field_penutup: 'Demikian disampaikan.',
        note: 'Tanggal diperjelas.',
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/surat/${letterId}?info=disetujui-ubah`);
    const v2 = await t.db('letter_versions').where({ letter_id: letterId, version_no: 2 }).first();
    expect(Number(v2.author_id)).toBe(users['verifikator2.diskominfo'].id);
    expect(v2.fields).toContain('15 Desember 2026');
    expect(v2.fields).not.toContain('<script');
    expect((await letterRow()).status).toBe('numbering');

    const page = await get('staf1.diskominfo', `/surat/${letterId}`);
    expect(page.text).toMatch(/data-version="2" open/);
    expect(page.text).toContain('diubah verifikator');
    const diff = /data-testid="version-diff">([\s\S]*?)<\/div>/.exec(page.text)![1];
    expect(diff).toMatch(/<ins class="bg-success-subtle[^"]*">[^<]*Tahun[^<]*<\/ins>/);
    expect(diff).toMatch(/<ins [^>]*>[^<]*15 Desember 2026/);
    expect(diff).toMatch(/<del [^>]*>[^<]*akhir bulan/);
    expect(diff).not.toContain('<p>');
    expect(page.text).toContain(`data-testid="holder">Bagian Umum`);
  });

  it('lets the bagian umum number it with the suggested number; the preview PDF says KONSEP', async () => {
    // Only the drafter's OPD's bagian umum gets the form.
    expect((await get('admin.disdik', `/surat/${letterId}`)).status).toBe(404);
    const page = await get('admin.diskominfo', `/surat/${letterId}`);
    expect(page.text).toContain('data-testid="number-form"');
    const suggested = /id="nomor"[^>]*value="([^"]+)"/.exec(page.text)![1];
    const year = new Date().getFullYear();
    expect(suggested).toBe(`000.1.2/1/DISKOMINFO/${year}`);
    const date = /id="tanggal"[^>]*value="([^"]+)"/.exec(page.text)![1];
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await saveScreenshots();

    const res = await submit('admin.diskominfo', `/surat/${letterId}`, `/surat/${letterId}/nomor`, {
      number: suggested,
      date,
    });
    expect(res.headers.location).toBe(`/surat/${letterId}?info=dinomori`);
    expect(await letterRow()).toMatchObject({ number: suggested, status: 'signing' });

    const pdf = await get('staf1.diskominfo', `/surat/${letterId}/pdf`).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="konsep-surat-[\w.-]+\.pdf"$/);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('KONSEP');
    expect(text).toContain(EDITED_SUBJECT);
    expect(text).toContain(suggested);
    expect(text).toContain(users['kepala.diskominfo'].name);
  });

  it('refuses a wrong passphrase with the message and no change, then signs with the right one', async () => {
    const page = await get('kepala.diskominfo', `/surat/${letterId}`);
    expect(page.text).toMatch(/<input type="password"[^>]*name="passphrase"[^>]*autocomplete="off"/);
    expect(page.text).toContain('data-testid="final-preview"');

    const wrong = await submit('kepala.diskominfo', `/surat/${letterId}`, `/surat/${letterId}/tandatangan`, {
      passphrase: 'bukan-passphrase-nya',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Passphrase sertifikat salah.');
    expect(wrong.text).not.toContain('bukan-passphrase-nya');
    expect(wrong.text).toMatch(/data-testid="status-label">Menunggu tanda tangan</);
    expect(await letterRow()).toMatchObject({ status: 'signing', signed_file_id: null });

    const ok = await submit('kepala.diskominfo', `/surat/${letterId}`, `/surat/${letterId}/tandatangan`, {
      passphrase: TEST_PASSPHRASE,
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe(`/surat/${letterId}?info=ditandatangani`);
    for (let i = 0; i < 40 && (await letterRow()).status !== 'sent'; i++) await sleep(250);
    expect((await letterRow()).status).toBe('sent');

    const drafter = await get('staf1.diskominfo', `/surat/${letterId}`);
    expect(drafter.text).toMatch(/data-testid="status-label">Terkirim</);
    // The letter's date reads as a person writes it, as on the PDF.
    expect(drafter.text).toMatch(
      / · tanggal \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
    const code = (await letterRow()).verification_code;
    expect(drafter.text).toContain(`href="/verifikasi/${code}" data-testid="verification-link"`);
    expect(drafter.text).not.toContain('data-testid="draft-actions"');
    expect(drafter.text.match(/data-testid="recipient"[\s\S]*?Diterima/g)).toHaveLength(2);
    expect(drafter.text).toContain('Menandatangani surat secara elektronik');

    const signed = await request(server)
      .get(`/api/v1/letters/${letterId}/pdf`)
      .set(api('staf1.diskominfo'))
      .buffer(true)
      .parse(binary);
    expect(signed.status).toBe(200);
    expect(signed.headers['content-disposition']).toBe(
      `inline; filename="surat-000.1.2-1-DISKOMINFO-${new Date().getFullYear()}.pdf"`,
    );
    const text = pdfText(signed.body as Buffer);
    expect(text).not.toContain('KONSEP');
    expect(text).toContain(EDITED_SUBJECT);
    // The page serves the same signed file.
    const viaPage = await get('staf1.diskominfo', `/surat/${letterId}/pdf`).buffer(true).parse(binary);
    expect(Buffer.compare(viaPage.body as Buffer, signed.body as Buffer)).toBe(0);
    // The recipient OPD's bagian umum may now read it.
    expect((await get('admin.disdik', `/surat/${letterId}`)).status).toBe(200);
  });

  it('answers 404 to someone from another OPD, for the page, its PDFs and its forms', async () => {
    for (const url of [
      `/surat/${letterId}`,
      `/surat/${letterId}/pdf`,
      `/surat/${letterId}/verifikasi/ubah`,
    ]) {
      expect((await get('verifikator1.disdik', url)).status).toBe(404);
    }
    const apiPdf = await request(server)
      .get(`/api/v1/letters/${letterId}/pdf`)
      .set(api('verifikator1.disdik'));
    expect(apiPdf.status).toBe(404);
    expect(apiPdf.body.error.code).toBe('not_found');
    const dashboard = await get('verifikator1.disdik', '/');
    const post = await request(server)
      .post(`/surat/${letterId}/verifikasi`)
      .set('Cookie', cookies['verifikator1.disdik'])
      .type('form')
      .send({ _csrf: csrfIn(dashboard.text) ?? '', decision: 'approve', baseVersionNo: '2' });
    expect(post.status).toBe(404);
  });

  it('withdraws only after a confirmation page and with a reason', async () => {
    const id = await newSubmittedLetter();
    const page = await get('staf1.diskominfo', `/surat/${id}`);
    expect(page.text).toContain(`href="/surat/${id}/tarik"`);
    // Not the drafter: no link, and the confirmation page refuses.
    expect((await get('verifikator1.diskominfo', `/surat/${id}`)).text).not.toContain('withdraw-link');

    const confirm = await get('staf1.diskominfo', `/surat/${id}/tarik`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('tidak dapat dibatalkan');
    expect(confirm.text).toMatch(/<input[^>]*name="reason"[^>]*required/);

    const noReason = await submit('staf1.diskominfo', `/surat/${id}/tarik`, `/surat/${id}/tarik`, {
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Tuliskan alasan penarikan surat.');
    expect((await t.db('letters').where({ id }).first()).status).toBe('verifying');

    const res = await submit('staf1.diskominfo', `/surat/${id}/tarik`, `/surat/${id}/tarik`, {
      reason: 'Kegiatan dibatalkan.',
    });
    expect(res.headers.location).toBe(`/surat/${id}?info=ditarik`);
    expect((await t.db('letters').where({ id }).first()).status).toBe('withdrawn');
    const after = await get('staf1.diskominfo', `/surat/${id}`);
    expect(after.text).toMatch(/data-testid="status-label">Ditarik</);
    expect(after.text).toContain('Kegiatan dibatalkan.');
    expect(after.text).not.toContain('withdraw-link');
    // A signed letter cannot be withdrawn.
    const signed = await get('staf1.diskominfo', `/surat/${letterId}/tarik`);
    expect(signed.status).toBe(409);
    expect(signed.text).toContain('tidak dapat ditarik');
    expect(await versionNoOf(id)).toBe(1);
  });

  /** The page as the bagian umum sees it at numbering, on a desktop and on a 375 px phone. */
  async function saveScreenshots() {
    const out = path.join(projectRoot, 'test-output');
    fs.mkdirSync(out, { recursive: true });
    browser = await launchBrowser();
    const page = await browser.newPage();
    const [name, value] = cookies['admin.diskominfo'].split('=');
    await page.setCookie({ name, value, url: base });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${base}/surat/${letterId}`, { waitUntil: 'networkidle2' });
    expect(await page.$('[data-testid="number-form"]')).not.toBeNull();
    await page.screenshot({ path: path.join(out, 'letter-detail.png'), fullPage: true });
    await page.setViewport({ width: 375, height: 812, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.reload({ waitUntil: 'networkidle2' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(out, 'letter-detail-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }
});

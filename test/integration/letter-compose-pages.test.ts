import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Browser, Page } from 'puppeteer';
import { projectRoot } from '../../lib/paths';
import { queryLetterState, runLetterUpdate } from '../../lib/temporal/letter-workflow-client';
import { verifyUpdate } from '../../workflows/outgoing-letter';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { closeBrowser, launchBrowser } from '../support/browser';
import { csrfIn, formLogin } from '../support/form-login';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { DEMO_PASSWORD } from '../support/seeded';

/**
 * "Buat Surat", "Ubah" and "Ajukan" through the pages as a browser posts them, on SQLite, a real
 * Temporal dev server and the real worker; then the form in headless Chromium with Quill.
 */
describe('letter compose pages', () => {
  let s: LetterStack;
  let cookie: string;
  let letterId: number;

  beforeAll(async () => {
    s = await startLetterStack({ kind: 'sqlite', certificateHolders: ['kepala.diskominfo'] });
    cookie = (await formLogin(s.server, 'staf1.diskominfo')).cookie!;
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  const get = (url: string, as = cookie) => request(s.server).get(url).set('Cookie', as);
  /** Encodes a form as a browser does: repeated names for checkboxes, `name[i][sub]` for groups. */
  function formBody(form: Record<string, unknown>): string {
    const out = new URLSearchParams();
    const add = (key: string, value: unknown) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => (v && typeof v === 'object' ? add(`${key}[${i}]`, v) : add(key, v)));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
      } else if (value !== undefined) {
        out.append(key, String(value));
      }
    };
    for (const [k, v] of Object.entries(form)) add(k, v);
    return out.toString();
  }
  async function post(url: string, form: Record<string, unknown>, as = cookie, csrfFrom = url) {
    const page = await get(csrfFrom, as);
    return request(s.server)
      .post(url)
      .set('Cookie', as)
      .type('form')
      .send(formBody({ _csrf: csrfIn(page.text), ...form }));
  }
  const versionOf = async (id: number, no?: number) => {
    const q = s.t.db('letter_versions').where({ letter_id: id });
    const row = no
      ? await q.where({ version_no: no }).first()
      : await q.orderBy('version_no', 'desc').first();
    return JSON.parse(row.fields) as LetterContent;
  };
  const letterCount = async () => Number((await s.t.db('letters').count({ n: '*' }))[0].n);

  const draftForm = () => ({
    subject: 'Permintaan Data Kepegawaian',
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    recipients: [String(s.opd.DISDIK), String(s.opd.DINKES)],
    cc: [String(s.opd.SETDA)],
    fields: {
      kepada: 'Kepala Dinas Pendidikan Kabupaten Kuantan Singingi',
      di: 'Teluk Kuantan',
      isi: '<p>Mohon data pegawai.</p><script>alert(1)</script><p onclick="x()">Terima <strong>kasih</strong>.</p>',
      penutup: 'Demikian disampaikan.',
    },
  });

  it('offers every kind of naskah dinas, then a form built from the kind’s fields', async () => {
    const kinds = await get('/surat/baru');
    expect(kinds.status).toBe(200);
    for (const label of ['Surat Dinas', 'Nota Dinas', 'Surat Undangan', 'Surat Tugas', 'Memo']) {
      expect(kinds.text).toContain(label);
    }
    expect(kinds.text).toContain('href="/surat/baru/surat-tugas"');

    const form = await get('/surat/baru/surat-dinas');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Hal (perihal)');
    expect(form.text).toContain('Kepada (Yth.)');
    expect(form.text).toContain('Jabatan penerima tanpa “Yth.”');
    // The customary closing is prefilled; the richtext has a plain textarea for browsers without JS.
    expect(form.text).toContain('Demikian disampaikan, atas perhatian dan kerja sama Saudara');
    expect(form.text).toMatch(/<textarea[^>]*name="fields\[isi\]"[^>]*data-richtext/);
    expect(form.text).toContain('<option value="000.1.2">000.1.2 – Persuratan</option>');
    expect(form.text).toContain('Sangat Segera');
    // Recipients are the other OPDs, never the drafter's own.
    expect(form.text).toContain(`name="recipients" value="${s.opd.DISDIK}"`);
    expect(form.text).not.toContain(`name="recipients" value="${s.opd.DISKOMINFO}"`);
    expect(form.text).toContain('/static/vendor/quill/quill.js');
    expect(form.text).not.toMatch(/<script>(?!<\/script>)|style="/);

    expect((await get('/surat/baru/tidak-ada')).status).toBe(404);
  });

  it('shows the form again with the typed values and the message when a required field is missing', async () => {
    const before = await letterCount();
    const form = draftForm();
    const res = await post('/surat/baru/surat-dinas', { ...form, fields: { ...form.fields, kepada: '' } });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-field-error="fields.kepada">Kepada (Yth.) wajib diisi.');
    expect(res.text).toContain('value="Permintaan Data Kepegawaian"');
    expect(res.text).toContain('value="Teluk Kuantan"');
    expect(res.text).toMatch(new RegExp(`value="${s.opd.DINKES}"[^>]*checked`));
    expect(res.text).toContain('<option value="penting" selected>');
    expect(await letterCount()).toBe(before);

    const noRecipients = await post('/surat/baru/surat-dinas', { ...form, recipients: [], subject: '' });
    expect(noRecipients.status).toBe(400);
    expect(noRecipients.text).toContain('data-field-error="subject">Hal wajib diisi.');
    expect(noRecipients.text).toContain('data-field-error="recipients">Pilih minimal satu OPD tujuan.');
    expect(await letterCount()).toBe(before);
  });

  it('saves a draft with a sanitised body, starts its workflow and goes to the letter', async () => {
    const res = await post('/surat/baru/surat-dinas', draftForm());
    expect(res.status).toBe(302);
    const match = /^\/surat\/(\d+)$/.exec(res.headers.location);
    expect(match).not.toBeNull();
    letterId = Number(match![1]);
    const content = await versionOf(letterId, 1);
    expect(content.fields.isi).toBe('<p>Mohon data pegawai.</p><p>Terima <strong>kasih</strong>.</p>');
    expect(content).toMatchObject({
      kind: 'surat-dinas',
      subject: 'Permintaan Data Kepegawaian',
      sifat: 'penting',
      urgency: 'segera',
      recipientOpdIds: [s.opd.DISDIK, s.opd.DINKES],
      ccOpdIds: [s.opd.SETDA],
    });
    expect((await queryLetterState(await s.client(), letterId)).status).toBe('draft');
  });

  it('stores lists and groups of people from repeatable inputs and from the one-per-line fallback', async () => {
    const base = { ...draftForm(), subject: 'Pendampingan e-Office' };
    const tugas = {
      ...base,
      fields: {
        dasar: 'Perbup 17/2019\r\n\r\n  DPA Diskominfo 2026  ',
        untuk: ['Mendampingi OPD', '', 'Melapor kepada Kepala Dinas'],
        pegawai: [
          {
            nama: 'Rahmad Hidayat, S.Kom.',
            nip: '198805122015031002',
            pangkat: '',
            jabatan: 'Pranata Komputer',
          },
          { nama: '', nip: '', pangkat: '', jabatan: '' },
        ],
        tanggalMulai: '2026-12-01',
      },
    };
    // Without JavaScript, "Tambah" asks the server for one more empty group and saves nothing.
    const more = await post('/surat/baru/surat-tugas', { ...tugas, _tambah: 'pegawai' });
    expect(more.status).toBe(200);
    expect(more.text).toContain('name="fields[pegawai][1][nama]"');
    expect(more.text).toContain('value="Rahmad Hidayat, S.Kom."');

    const bad = await post('/surat/baru/surat-tugas', {
      ...tugas,
      fields: { ...tugas.fields, pegawai: [{ nama: 'Tanpa Jabatan', nip: '123' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-field-error="fields[pegawai][0][jabatan]">Jabatan wajib diisi.');
    expect(bad.text).toContain('data-field-error="fields[pegawai][0][nip]">NIP harus terdiri atas 18 angka.');

    const res = await post('/surat/baru/surat-tugas', tugas);
    expect(res.status).toBe(302);
    const content = await versionOf(Number(res.headers.location.split('/').pop()), 1);
    expect(content.fields).toMatchObject({
      dasar: ['Perbup 17/2019', 'DPA Diskominfo 2026'],
      untuk: ['Mendampingi OPD', 'Melapor kepada Kepala Dinas'],
      pegawai: [{ nama: 'Rahmad Hidayat, S.Kom.', nip: '198805122015031002', jabatan: 'Pranata Komputer' }],
      tanggalMulai: '2026-12-01',
    });
  });

  it('edits the draft as a new version, and refuses a stale edit with the reason', async () => {
    const page = await get(`/surat/${letterId}/ubah`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="baseVersionNo" value="1"');
    expect(page.text).toContain('value="Permintaan Data Kepegawaian"');
    expect(page.text).toContain('Mohon data pegawai.');

    const form = { ...draftForm(), subject: 'Permintaan Data Kepegawaian Tahun 2026', baseVersionNo: '1' };
    const edit = await post(`/surat/${letterId}/ubah`, form);
    expect(edit.status).toBe(302);
    expect(edit.headers.location).toBe(`/surat/${letterId}`);
    expect((await versionOf(letterId)).subject).toBe('Permintaan Data Kepegawaian Tahun 2026');
    expect((await queryLetterState(await s.client(), letterId)).versionNo).toBe(2);

    const stale = await post(`/surat/${letterId}/ubah`, { ...form, subject: 'Versi lama' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('telah diubah oleh orang lain');
    expect(stale.text).toContain('value="Versi lama"');
    expect((await versionOf(letterId)).subject).toBe('Permintaan Data Kepegawaian Tahun 2026');

    const other = (await formLogin(s.server, 'staf2.diskominfo')).cookie!;
    expect((await get(`/surat/${letterId}/ubah`, other)).status).toBe(404);
  });

  it('submits with two verifiers in the chosen order and offers only certificate holders as signers', async () => {
    const [v1, v2, head, drafter] = await Promise.all(
      ['verifikator1.diskominfo', 'verifikator2.diskominfo', 'kepala.diskominfo', 'staf1.diskominfo'].map(
        (u) => s.userId(u),
      ),
    );
    const noCertificate = await s.userId('kepala.disdik');
    const page = await get(`/surat/${letterId}/ajukan`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="verifier" value="${v1}"`);
    expect(page.text).toContain(`name="verifier" value="${v2}"`);
    expect(page.text).not.toContain(`name="verifier" value="${drafter}"`);
    expect(page.text).toContain(`name="signerId" value="${head}"`);
    expect(page.text).not.toContain(`name="signerId" value="${noCertificate}"`);
    expect(page.text).toContain('name="baseVersionNo" value="2"');

    const one = await post(`/surat/${letterId}/ajukan`, {
      baseVersionNo: '2',
      verifier: [String(v1)],
      signerId: String(head),
    });
    expect(one.status).toBe(400);
    expect(one.text).toContain('Pilih minimal dua verifikator');

    const notHolder = await post(`/surat/${letterId}/ajukan`, {
      baseVersionNo: '2',
      verifierIds: [String(v1), String(v2)],
      signerId: String(noCertificate),
    });
    expect(notHolder.status).toBe(409);
    expect(notHolder.text).toContain('tidak memiliki sertifikat tanda tangan elektronik yang aktif');
    expect((await queryLetterState(await s.client(), letterId)).status).toBe('draft');

    // Without JavaScript: the ticked verifiers sorted by their order numbers (verifikator 2 first).
    const ok = await post(`/surat/${letterId}/ajukan`, {
      baseVersionNo: '2',
      verifier: [String(v1), String(v2)],
      [`urutan_${v1}`]: '2',
      [`urutan_${v2}`]: '1',
      signerId: String(head),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe(`/surat/${letterId}`);
    const state = await queryLetterState(await s.client(), letterId);
    expect(state).toMatchObject({ status: 'verifying', verifierIds: [v2, v1], signerId: head });
    expect(state.currentStep).toMatchObject({ kind: 'verify', assigneeId: v2 });

    // No longer a draft: neither editable nor submittable.
    const late = await get(`/surat/${letterId}/ubah`);
    expect(late.status).toBe(409);
    expect(late.text).toContain('tidak dalam tahap konsep');
  });

  it('after a return, resubmits without asking again and resumes at the verifier who returned it', async () => {
    const [v1, v2] = await Promise.all([
      s.userId('verifikator1.diskominfo'),
      s.userId('verifikator2.diskominfo'),
    ]);
    // Verifier 2 (first in this letter's order) returns it with a note.
    await runLetterUpdate(await s.client(), letterId, verifyUpdate, {
      actorId: v2,
      baseVersionNo: 2,
      decision: 'return',
      note: 'Lengkapi dasar permintaan.',
    });
    expect((await queryLetterState(await s.client(), letterId)).status).toBe('draft');
    const page = await get(`/surat/${letterId}/ajukan`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ajukan Ulang');
    const v2Name = (await s.t.db('users').where({ id: v2 }).first('name')).name;
    expect(page.text).toContain(`Verifikasi dilanjutkan pada <strong>${v2Name}</strong>`);
    expect(page.text).not.toContain('name="verifier"');

    const again = await post(`/surat/${letterId}/ajukan`, { baseVersionNo: '2' });
    expect(again.status).toBe(302);
    const state = await queryLetterState(await s.client(), letterId);
    expect(state).toMatchObject({ status: 'verifying', verifierIds: [v2, v1] });
    expect(state.currentStep).toMatchObject({ index: 0, assigneeId: v2 });
  });

  describe('in headless Chromium', () => {
    let browser: Browser | undefined;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      page = await browser.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
      page.on('response', (r) => {
        if (r.status() >= 400 && r.url().includes('/static/')) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { csp: string[] }).csp ??= [];
          (window as unknown as { csp: string[] }).csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
    }, 60_000);
    afterAll(() => closeBrowser(browser));

    const base = () => `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;

    it('loads Quill without errors or CSP violations and stores the typed HTML', async () => {
      await page.goto(`${base()}/login?next=/surat/baru/surat-dinas`);
      await page.type('#username', 'staf1.diskominfo');
      await page.type('#password', DEMO_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      expect(page.url()).toBe(`${base()}/surat/baru/surat-dinas`);
      await page.waitForSelector('.ql-editor');
      expect(await page.$eval('textarea[name="fields[isi]"]', (t) => t.classList.contains('d-none'))).toBe(
        true,
      );

      await page.type('#subject', 'Undangan Rapat Koordinasi');
      await page.select('#classification', '000.1.2');
      await page.click(`#tujuan-${s.opd.DISDIK}`);
      await page.type('#f-kepada', 'Kepala Dinas Pendidikan');
      await page.click('.ql-editor');
      await page.keyboard.type('Dengan hormat, mohon hadir ');
      await page.click('.ql-toolbar .ql-bold');
      await page.keyboard.type('tepat waktu');
      await page.click('.ql-toolbar .ql-bold');
      await page.keyboard.type('.');
      await page.keyboard.press('Enter');
      await page.click('.ql-toolbar .ql-list[value="bullet"]');
      await page.keyboard.type('Membawa laptop');

      const shots = path.join(projectRoot, 'test-output');
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'letter-form.png'), fullPage: true });

      // The form page itself: no console error, no failed asset, no CSP violation.
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { csp?: string[] }).csp ?? [])).toEqual([]);
      const before = await letterCount();
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=save]')]);
      const refused = await page.$eval('[data-testid=form-error]', (e) => e.textContent).catch(() => null);
      expect(refused).toBeNull();
      expect(page.url()).toMatch(/\/surat\/\d+$/);
      expect(await letterCount()).toBe(before + 1);
      const id = Number(page.url().split('/').pop());
      const content = await versionOf(id, 1);
      expect(content.subject).toBe('Undangan Rapat Koordinasi');
      expect(content.fields.isi).toBe(
        '<p>Dengan hormat, mohon hadir <strong>tepat waktu</strong>.</p><ul><li>Membawa laptop</li></ul>',
      );
    }, 60_000);

    it('orders verifiers with the keyboard-usable up/down buttons', async () => {
      await page.goto(`${base()}/surat/baru/surat-dinas`);
      await page.type('#subject', 'Surat untuk diurutkan');
      await page.select('#classification', '000.1.2');
      await page.click(`#tujuan-${s.opd.DINKES}`);
      await page.type('#f-kepada', 'Kepala Dinas Kesehatan');
      await page.click('.ql-editor');
      await page.keyboard.type('Isi surat.');
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=save]')]);
      const id = Number(page.url().split('/').pop());

      const [v1, v2] = await Promise.all([
        s.userId('verifikator1.diskominfo'),
        s.userId('verifikator2.diskominfo'),
      ]);
      await page.goto(`${base()}/surat/${id}/ajukan`);
      await page.click(`#verifikator-${v1}`);
      await page.click(`#verifikator-${v2}`);
      // Move whoever is second to the top, with the keyboard.
      const order = await page.$$eval('[data-verifier-id]', (li) =>
        li.map((l) => l.getAttribute('data-verifier-id')),
      );
      const second = Number(order[1]);
      await page.focus(`[data-verifier-id="${second}"] [data-move=up]`);
      await page.keyboard.press('Enter');
      expect(
        await page.$$eval('input[name=verifierIds]', (i) => i.map((x) => Number(x.getAttribute('value')))),
      ).toEqual([second, second === v1 ? v2 : v1]);
      await page.click('input[name=signerId]');
      await Promise.all([page.waitForNavigation(), page.click('#submit-form button[type=submit]')]);
      const state = await queryLetterState(await s.client(), id);
      expect(state.verifierIds).toEqual([second, second === v1 ? v2 : v1]);
      expect(await page.evaluate(() => (window as unknown as { csp?: string[] }).csp ?? [])).toEqual([]);
    }, 60_000);

    it('fits a phone screen', async () => {
      const phone = await browser!.newPage();
      await phone.setCookie(...(await page.cookies()));
      await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
      await phone.goto(`${base()}/surat/baru/surat-tugas`);
      await phone.waitForSelector('.ql-editor, [data-list-items]');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({
        path: path.join(projectRoot, 'test-output', 'letter-form-phone.png'),
        fullPage: true,
      });
      await phone.goto(`${base()}/surat/baru/surat-dinas`);
      await phone.waitForSelector('.ql-editor');
      await phone.screenshot({
        path: path.join(projectRoot, 'test-output', 'letter-form-dinas-phone.png'),
        fullPage: true,
      });
      await phone.close();
    }, 60_000);
  });
});

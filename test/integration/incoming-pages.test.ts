import type { Server } from 'node:http';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import request from 'supertest';
import { csrfIn, formLogin } from '../support/form-login';
import { startIncomingWorkflow } from '../../lib/temporal/incoming-workflow-client';
import { createDeliveredIncoming, createIncomingRow, opdPeople } from '../support/incoming';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { pdfText } from '../support/pdf-text';

/**
 * The incoming-letter pages as a browser uses them (session cookie, forms with their CSRF token,
 * multipart uploads, redirects) on SQLite with a real Temporal dev server, worker and Chromium: the
 * lists, paper registration, the disposition chain from the letter's page with the actions each
 * viewer is offered, 404 for everyone not involved, and the lembar disposisi PDF.
 */
describe('incoming letter pages', () => {
  let stack: LetterStack;
  let server: Server;
  let incomingId: number;
  const cookies: Record<string, string> = {};
  const PEOPLE = [
    'admin.diskominfo',
    'sekretaris.diskominfo',
    'kepala.diskominfo',
    'staf1.diskominfo',
    'staf2.diskominfo',
    'staf3.diskominfo',
    'admin.disdik',
    'kepala.disdik',
    'admin.dinkes',
  ];
  const NOTE_HEAD = 'Siapkan bahan paparan untuk rapat tanggal 10.';
  const NOTE_ADMIN = 'Mohon arahan Bapak Sekretaris.';
  const NOTE_SECRETARY = 'Untuk arahan Kepala Dinas.';

  const get = (user: string, url: string) => request(server).get(url).set('Cookie', cookies[user]);
  const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  /** Posts a form of the page at `pageUrl` with its CSRF token, urlencoded as a browser does. */
  async function submit(
    user: string,
    pageUrl: string,
    action: string,
    fields: Record<string, string | string[]>,
  ) {
    const csrf = csrfIn((await get(user, pageUrl)).text);
    expect(csrf).toBeDefined();
    return request(server)
      .post(action)
      .set('Cookie', cookies[user])
      .type('form')
      .send({ _csrf: csrf!, ...fields });
  }
  /** The paper-letter form, multipart, with the scan and the given fields. */
  async function submitPaper(user: string, fields: Record<string, string>, scan: Buffer, name: string) {
    const csrf = csrfIn((await get(user, '/surat-masuk/baru')).text)!;
    let req = request(server).post('/surat-masuk/baru').set('Cookie', cookies[user]).field('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('scan', scan, name);
  }
  const dispositionIds = async (toUsername: string) =>
    (
      await stack.t
        .db('dispositions')
        .join('users', 'users.id', 'dispositions.to_user_id')
        .where({ 'dispositions.incoming_letter_id': incomingId, 'users.username': toUsername })
        .orderBy('dispositions.id')
        .pluck('dispositions.id')
    ).map(Number);
  const tomorrowWib = () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000));
  const page = (id = incomingId) => `/surat-masuk/${id}`;

  async function scanPdf(): Promise<Buffer> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Undangan Rapat Koordinasi Statistik Sektoral', { x: 50, y: 700, size: 14, font });
    return Buffer.from(await doc.save());
  }
  const PAPER = {
    senderName: 'Badan Pusat Statistik Kabupaten Kuantan Singingi',
    number: '005/BPS-1409/XI/2026',
    letterDate: '2026-11-20',
    subject: 'Undangan Rapat Koordinasi Statistik Sektoral',
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    receivedAt: '',
  };

  beforeAll(async () => {
    stack = await startLetterStack();
    server = stack.server;
    for (const username of PEOPLE) {
      const { cookie } = await formLogin(server, username);
      expect(cookie).toBeDefined();
      cookies[username] = cookie!;
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('shows empty lists with the tabs each person has, and the OPD inbox to the bagian umum only', async () => {
    const admin = await get('admin.diskominfo', '/surat-masuk');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('Kotak Masuk OPD');
    expect(admin.text).toContain('Disposisi Saya');
    expect(admin.text).toContain('Belum ada surat masuk untuk OPD Anda.');
    expect(admin.text).toContain('href="/surat-masuk/baru"');

    const staff = await get('staf1.diskominfo', '/surat-masuk');
    expect(staff.status).toBe(200);
    expect(staff.text).not.toContain('Kotak Masuk OPD');
    expect(staff.text).toContain('Belum ada surat yang didisposisikan kepada Anda.');
    expect(staff.text).toContain('href="/surat-masuk"'); // in the navigation
    expect((await get('staf1.diskominfo', '/surat-masuk?kotak=opd')).status).toBe(404);
    expect((await get('staf1.diskominfo', '/surat-masuk/baru')).status).toBe(403);
  });

  it('refuses a bad paper letter with a message per field, or for the file, and stores nothing', async () => {
    const before = await stack.t.db('incoming_letters').count({ n: '*' });
    const missing = await submitPaper(
      'admin.diskominfo',
      { ...PAPER, senderName: '', letterDate: 'kemarin' },
      await scanPdf(),
      'surat.pdf',
    );
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('data-field-error="senderName"');
    expect(missing.text).toContain('data-field-error="letterDate"');
    expect(missing.text).toContain('Pengirim (instansi/nama): wajib diisi');
    expect(missing.text).toContain(`value="${PAPER.number}"`); // what was typed stays

    const unknownCode = await submitPaper(
      'admin.diskominfo',
      { ...PAPER, classification: '999.9' },
      await scanPdf(),
      'surat.pdf',
    );
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.text).toContain('Kode klasifikasi 999.9 tidak terdaftar.');

    const exe = await submitPaper('admin.diskominfo', PAPER, Buffer.from('MZ\x90\x00 program'), 'surat.pdf');
    expect(exe.status).toBe(415);
    expect(exe.text).toContain('Jenis berkas tidak didukung. Unggah berkas PDF, JPEG atau PNG.');

    const empty = await submitPaper('admin.diskominfo', PAPER, Buffer.alloc(0), 'kosong.pdf');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Berkas kosong.');
    expect(await stack.t.db('incoming_letters').count({ n: '*' })).toEqual(before);
  });

  it('registers a paper letter: its page shows the agenda number and the scan inline', async () => {
    const form = await get('admin.diskominfo', '/surat-masuk/baru');
    expect(form.text).toContain('Ukuran maksimal');
    expect(form.text).toContain('<option value="000.1.2">');
    const res = await submitPaper('admin.diskominfo', PAPER, await scanPdf(), 'undangan-bps.pdf');
    expect(res.status).toBe(302);
    const match = /^\/surat-masuk\/(\d+)\?info=diregistrasi$/.exec(res.headers.location);
    expect(match).not.toBeNull();
    incomingId = Number(match![1]);
    const row = await stack.t.db('incoming_letters').where({ id: incomingId }).first();
    expect(row.status).toBe('registered');
    expect(row.agenda_number).toMatch(/\d+\/\d{4}/);

    const detail = await get('admin.diskominfo', res.headers.location);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Surat masuk telah diregistrasi');
    expect(detail.text).toContain(row.agenda_number);
    expect(detail.text).toContain(PAPER.senderName);
    expect(detail.text).toContain('20 November 2026');
    expect(detail.text).toContain(`href="/surat-masuk/${incomingId}/scan"`);
    expect(detail.text).toContain('data-testid="dispose-form"');
    expect(detail.text).not.toContain('data-testid="register-form"');
    expect(detail.text).toContain('Belum ada disposisi.');

    const scan = await get('admin.diskominfo', `${page()}/scan`).buffer(true).parse(binary);
    expect(scan.status).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(scan.headers['content-disposition']).toMatch(/^inline/);
    expect(pdfText(scan.body as Buffer)).toContain('Undangan Rapat Koordinasi');

    const list = await get('admin.diskominfo', '/surat-masuk?q=Statistik');
    expect(list.text).toContain(`href="/surat-masuk/${incomingId}"`);
    expect(list.text).toContain(row.agenda_number);
    expect(list.text).toContain('Diregistrasi');
    const none = await get('admin.diskominfo', '/surat-masuk?q=tidak-ada-surat-seperti-ini');
    expect(none.text).toContain('Tidak ada surat masuk yang cocok');
  });

  it('runs the chain from the page: each viewer gets exactly the actions that are theirs', async () => {
    const people = await opdPeople(stack.t.db, 'DISKOMINFO');
    // A disposition without receivers is refused on the page, and nothing is written.
    const none = await submit('admin.diskominfo', page(), `${page()}/disposisi`, {
      instruction: 'Untuk diketahui',
      note: '',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Pilih minimal satu penerima disposisi.');

    const toSecretary = await submit('admin.diskominfo', page(), `${page()}/disposisi`, {
      toUserIds: String(people.sekretaris),
      instruction: 'Untuk diproses sesuai ketentuan',
      note: NOTE_ADMIN,
      dueDate: '',
    });
    expect(toSecretary.status).toBe(302);
    const [secretaryId] = await dispositionIds('sekretaris.diskominfo');
    // The giver may recall it while unread: the link is on their page.
    const adminView = await get('admin.diskominfo', page());
    expect(adminView.text).toContain(`${page()}/disposisi/${secretaryId}/tarik`);
    expect(adminView.text).toContain('Belum dibaca');

    // The head is not involved yet: the same 404 as a missing letter.
    expect((await get('kepala.diskominfo', page())).status).toBe(404);

    // Opening the page is the secretary's read receipt; then the giver can no longer recall it.
    const secretaryView = await get('sekretaris.diskominfo', page());
    expect(secretaryView.status).toBe(200);
    expect(secretaryView.text).toContain('data-testid="forward-form"');
    expect(secretaryView.text).toContain('data-testid="follow-up-form"');
    expect(secretaryView.text).not.toContain('data-testid="dispose-form"');
    expect(secretaryView.text).not.toContain('data-testid="close-link"');
    const read = await stack.t.db('dispositions').where({ id: secretaryId }).first();
    expect(read.status).toBe('read');
    expect(read.read_at).not.toBeNull();
    const recall = await submit(
      'admin.diskominfo',
      `${page()}/disposisi/${secretaryId}/tarik`,
      `${page()}/disposisi/${secretaryId}/tarik`,
      {},
    );
    expect(recall.status).toBe(409);
    expect(recall.text).toContain('Disposisi sudah dibaca penerima sehingga tidak dapat ditarik kembali.');
    expect((await get('admin.diskominfo', page())).text).not.toContain(`/disposisi/${secretaryId}/tarik"`);

    const toHead = await submit(
      'sekretaris.diskominfo',
      page(),
      `${page()}/disposisi/${secretaryId}/teruskan`,
      {
        toUserIds: String(people.kepala),
        instruction: 'Koordinasikan',
        note: NOTE_SECRETARY,
        dueDate: '',
      },
    );
    expect(toHead.status).toBe(302);
    const [headId] = await dispositionIds('kepala.diskominfo');

    const headView = await get('kepala.diskominfo', page());
    expect(headView.status).toBe(200);
    expect(headView.text).toContain('data-testid="close-link"');
    expect(headView.text).toContain('data-testid="forward-form"');
    const due = tomorrowWib();
    const toStaff = await submit('kepala.diskominfo', page(), `${page()}/disposisi/${headId}/teruskan`, {
      toUserIds: [String(people.staf1), String(people.staf2)],
      instruction: 'Untuk ditindaklanjuti',
      note: NOTE_HEAD,
      dueDate: due,
    });
    expect(toStaff.status).toBe(302);
    const [staf1Id] = await dispositionIds('staf1.diskominfo');
    const [staf2Id] = await dispositionIds('staf2.diskominfo');
    expect(staf1Id).toBeGreaterThan(0);
    expect(staf2Id).toBeGreaterThan(0);

    // A disposition still unread can be recalled by its giver, after the confirmation page.
    const toStaf3 = await submit('kepala.diskominfo', page(), `${page()}/disposisi/${headId}/teruskan`, {
      toUserIds: String(people.staf3),
      instruction: 'Untuk diketahui',
      note: '',
      dueDate: '',
    });
    expect(toStaf3.status).toBe(302);
    const [staf3Id] = await dispositionIds('staf3.diskominfo');
    const recallUrl = `${page()}/disposisi/${staf3Id}/tarik`;
    expect((await get('kepala.diskominfo', page())).text).toContain(`href="${recallUrl}"`);
    const recallPage = await get('kepala.diskominfo', recallUrl);
    expect(recallPage.status).toBe(200);
    expect(recallPage.text).toContain('Ya, tarik kembali');
    expect((await submit('kepala.diskominfo', recallUrl, recallUrl, {})).status).toBe(302);
    expect((await stack.t.db('dispositions').where({ id: staf3Id }).first()).status).toBe('recalled');
    expect((await get('kepala.diskominfo', page())).text).toContain('Ditarik');

    // "Disposisi Saya" lists it for staf1 with the instruction and the due date.
    const mine = await get('staf1.diskominfo', '/surat-masuk');
    expect(mine.text).toContain(`href="/surat-masuk/${incomingId}"`);
    expect(mine.text).toContain('Untuk ditindaklanjuti');
    expect(mine.text).toContain('Belum dibaca');

    // The tree, as anyone involved sees it.
    const tree = await get('staf1.diskominfo', page());
    for (const text of [
      'Untuk diproses sesuai ketentuan',
      'Koordinasikan',
      'Untuk ditindaklanjuti',
      NOTE_HEAD,
    ]) {
      expect(tree.text).toContain(text);
    }
    expect(tree.text).toContain('Diteruskan');
    expect(tree.text).not.toContain('data-testid="close-link"');
    expect(tree.text).not.toContain(`/disposisi/${staf2Id}/selesai`); // not staf1's

    // Someone not involved (same OPD) and another OPD get 404 on every page of the letter.
    for (const user of ['staf3.diskominfo', 'admin.disdik', 'kepala.disdik']) {
      for (const url of [
        page(),
        `${page()}/scan`,
        `${page()}/naskah`,
        `${page()}/lembar-disposisi`,
        `${page()}/tutup`,
        `${page()}/disposisi/${staf1Id}/selesai`,
        `${page()}/disposisi/${staf1Id}/tarik`,
      ]) {
        expect([user, url, (await get(user, url)).status]).toEqual([user, url, 404]);
      }
    }
    // …and cannot act on it: staf3 posting staf1's follow-up gets the same 404.
    const csrf3 = csrfIn((await get('staf3.diskominfo', '/surat-masuk')).text)!;
    const foreign = await request(server)
      .post(`${page()}/disposisi/${staf1Id}/tindak-lanjut`)
      .set('Cookie', cookies['staf3.diskominfo'])
      .field('_csrf', csrf3)
      .field('report', 'Bukan urusan saya');
    expect(foreign.status).toBe(404);
    // staf2 cannot report on staf1's disposition: the workflow refuses, shown on the page.
    const wrong = await submit('staf2.diskominfo', page(), `${page()}/disposisi/${staf1Id}/selesai`, {});
    expect(wrong.status).toBe(409);
    expect(wrong.text).toContain('Disposisi ini tidak ditujukan kepada Anda.');

    // staf1 reports with a file (multipart); staf2 finishes after the confirmation page.
    const csrf1 = csrfIn((await get('staf1.diskominfo', page())).text)!;
    const report = await request(server)
      .post(`${page()}/disposisi/${staf1Id}/tindak-lanjut`)
      .set('Cookie', cookies['staf1.diskominfo'])
      .field('_csrf', csrf1)
      .field('report', 'Bahan paparan sudah disiapkan dan dikirim.')
      .attach('file', await scanPdf(), 'bahan-paparan.pdf');
    expect(report.status).toBe(302);
    const confirmPage = await get('staf2.diskominfo', `${page()}/disposisi/${staf2Id}/selesai`);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('Ya, selesai');
    const finish = await submit(
      'staf2.diskominfo',
      `${page()}/disposisi/${staf2Id}/selesai`,
      `${page()}/disposisi/${staf2Id}/selesai`,
      { note: 'Sudah dihadiri.' },
    );
    expect(finish.status).toBe(302);

    // Every branch is finished: the letter closes by itself.
    let status = '';
    for (let i = 0; i < 50 && status !== 'closed'; i++) {
      status = (await stack.t.db('incoming_letters').where({ id: incomingId }).first()).status;
      if (status !== 'closed') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('closed');
    const closed = await get('kepala.diskominfo', page());
    expect(closed.text).toMatch(/data-testid="incoming-status">Selesai</);
    expect(closed.text).toContain('Bahan paparan sudah disiapkan dan dikirim.');
    expect(closed.text).toContain('bahan-paparan.pdf');
    expect(closed.text).not.toContain('data-testid="actions"');
  });

  it('prints the lembar disposisi with the agenda number and every instruction and note', async () => {
    const row = await stack.t.db('incoming_letters').where({ id: incomingId }).first();
    const res = await get('staf2.diskominfo', `${page()}/lembar-disposisi`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('LEMBAR DISPOSISI');
    expect(text).toContain(row.agenda_number);
    expect(text).toContain(PAPER.number);
    for (const s of [
      'Untuk diproses sesuai ketentuan',
      'Koordinasikan',
      'Untuk ditindaklanjuti',
      NOTE_ADMIN,
      NOTE_SECRETARY,
      NOTE_HEAD,
      'Bahan paparan sudah disiapkan dan dikirim.',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('lets only the head close a letter, after the confirmation page, with a note', async () => {
    const people = await opdPeople(stack.t.db, 'DISKOMINFO');
    const res = await submitPaper(
      'admin.diskominfo',
      { ...PAPER, number: '006/BPS-1409/XI/2026', subject: 'Permintaan Data Statistik Sektoral' },
      await scanPdf(),
      'permintaan.pdf',
    );
    const id = Number(/\/surat-masuk\/(\d+)/.exec(res.headers.location)![1]);
    await submit('admin.diskominfo', page(id), `${page(id)}/disposisi`, {
      toUserIds: String(people.sekretaris),
      instruction: 'Untuk diproses sesuai ketentuan',
    });
    await get('sekretaris.diskominfo', page(id));
    const [secretaryId] = (
      await stack.t
        .db('dispositions')
        .where({ incoming_letter_id: id, to_user_id: people.sekretaris })
        .pluck('id')
    ).map(Number);
    await submit('sekretaris.diskominfo', page(id), `${page(id)}/disposisi/${secretaryId}/teruskan`, {
      toUserIds: String(people.kepala),
      instruction: 'Koordinasikan',
    });

    // The secretary is involved but not the head: the workflow refuses, and says why.
    const notHead = await submit('sekretaris.diskominfo', `${page(id)}/tutup`, `${page(id)}/tutup`, {
      note: 'Tidak perlu ditindaklanjuti.',
    });
    expect(notHead.status).toBe(409);
    expect(notHead.text).toContain('Hanya kepala perangkat daerah yang dapat menutup surat masuk ini.');
    expect(notHead.text).toContain('Tidak perlu ditindaklanjuti.'); // what was typed stays

    const confirmPage = await get('kepala.diskominfo', `${page(id)}/tutup`);
    expect(confirmPage.text).toContain('Ya, tutup surat');
    const closed = await submit('kepala.diskominfo', `${page(id)}/tutup`, `${page(id)}/tutup`, {
      note: 'Sudah dibahas dalam rapat pimpinan.',
    });
    expect(closed.status).toBe(302);
    expect(closed.headers.location).toBe(`${page(id)}?info=ditutup`);
    const after = await get('kepala.diskominfo', closed.headers.location);
    expect(after.text).toContain('Surat masuk telah ditutup.');
    expect(after.text).toMatch(/data-testid="incoming-status">Selesai</);
    expect(after.text).toContain('Sudah dibahas dalam rapat pimpinan.');
    expect(after.text).toMatch(/data-status="closed"/); // the head's own disposition, open until now
    expect(after.text).not.toContain('data-testid="actions"');
  });

  it('registers a delivered letter from its page, with the date it arrived', async () => {
    const id = await createDeliveredIncoming(stack.t.db, { opdCode: 'DISKOMINFO', senderCode: 'DISDIK' });
    await startIncomingWorkflow(await stack.client(), stack.t.db, stack.t.config, {
      incomingId: id,
      opdId: stack.opd.DISKOMINFO,
    });
    const before = await get('admin.diskominfo', page(id));
    expect(before.text).toContain('data-testid="register-form"');
    expect(before.text).not.toContain('data-testid="dispose-form"');
    expect(before.text).toContain('Belum diregistrasi');
    expect((await stack.t.db('incoming_letters').where({ id }).first()).read_at).not.toBeNull();

    const res = await submit('admin.diskominfo', page(id), `${page(id)}/registrasi`, {
      receivedAt: '2026-11-25',
    });
    expect(res.status).toBe(302);
    const row = await stack.t.db('incoming_letters').where({ id }).first();
    expect(row.status).toBe('registered');
    expect(row.agenda_number).toMatch(/\d+\/\d{4}/);
    const after = await get('admin.diskominfo', res.headers.location);
    expect(after.text).toContain(row.agenda_number);
    expect(after.text).toContain('25 November 2026 pukul 08.00 WIB');
    expect(after.text).toContain('data-testid="dispose-form"');
  });

  it('lets each person choose e-mail for notifications on the Notifikasi page', async () => {
    const userId = await stack.userId('staf3.diskominfo');
    const stored = async () =>
      (await stack.t.db('notification_preferences').where({ user_id: userId }).first())?.email_enabled;
    const before = await get('staf3.diskominfo', '/notifikasi');
    expect(before.text).toContain('Kirim juga lewat e-mail');
    expect(before.text).toContain('Dikirim ke staf3.diskominfo@kuansing.go.id.');
    expect(before.text).not.toMatch(/id="emailEnabled"[^>]*checked/);

    const on = await submit('staf3.diskominfo', '/notifikasi', '/notifikasi/preferensi', {
      emailEnabled: '1',
    });
    expect(on.status).toBe(302);
    expect(Boolean(await stored())).toBe(true);
    const after = await get('staf3.diskominfo', '/notifikasi?info=tersimpan');
    expect(after.text).toMatch(/id="emailEnabled"[^>]*checked/);
    expect(after.text).toContain('Pilihan notifikasi tersimpan.');

    // An unticked box sends nothing: off. A made-up value is refused and changes nothing.
    const bad = await submit('staf3.diskominfo', '/notifikasi', '/notifikasi/preferensi', {
      emailEnabled: 'ya',
    });
    expect(bad.status).toBe(400);
    expect(Boolean(await stored())).toBe(true);
    const off = await submit('staf3.diskominfo', '/notifikasi', '/notifikasi/preferensi', {});
    expect(off.status).toBe(302);
    expect(Boolean(await stored())).toBe(false);

    // Without an address the switch is shown disabled, with the reason.
    await stack.t.db('users').where({ id: userId }).update({ email: '' });
    const none = await get('staf3.diskominfo', '/notifikasi');
    expect(none.text).toContain('Alamat e-mail Anda belum diisi');
    expect(none.text).toMatch(/id="emailEnabled"[^>]*disabled/);
  });

  it('pages the OPD inbox', async () => {
    const opdId = stack.opd.DINKES;
    for (let i = 0; i < 21; i++)
      await createIncomingRow(stack.t.db, { opdId, subject: `Surat uji halaman ${i}` });
    const first = await get('admin.dinkes', '/surat-masuk');
    expect(first.text).toContain('21 surat');
    expect(first.text).toContain('Halaman 1 dari 2');
    expect((first.text.match(/data-incoming-id=/g) ?? []).length).toBe(20);
    expect(first.text).toContain('Belum diregistrasi');
    const second = await get('admin.dinkes', '/surat-masuk?kotak=opd&page=2');
    expect((second.text.match(/data-incoming-id=/g) ?? []).length).toBe(1);
    expect(second.text).toContain('Halaman 2 dari 2');
  });
});

import type { Server } from 'node:http';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { formLogin } from '../support/form-login';
import { opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/** Collects a binary response body (supertest leaves unknown types unparsed otherwise). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const INCOMING_HEADER = [
  'No. Agenda',
  'Tanggal Diterima',
  'Pengirim',
  'Nomor Surat',
  'Tanggal Surat',
  'Perihal',
  'Sifat',
  'Urgensi',
  'Klasifikasi',
  'Status',
  'Pemegang Disposisi',
];
const OUTGOING_HEADER = ['Nomor Surat', 'Tanggal Surat', 'Perihal', 'Tujuan', 'Penandatangan'];

/**
 * The agenda book (buku agenda) of an OPD as CSV and XLSX, through the API and the archive page:
 * what each register holds, the period, and who may download whose.
 */
describe.each(DATABASE_KINDS)('agenda book export on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  const tokens: Record<string, string> = {};
  const user: Record<string, number> = {};

  async function incoming(o: {
    opd: string;
    agenda: string;
    seq: number;
    receivedAt: Date;
    sender: string;
    number: string;
    subject: string;
    status: string;
  }) {
    const [id] = await t.db('incoming_letters').insert({
      opd_id: opd[o.opd],
      source: 'paper',
      sender_name: o.sender,
      number: o.number,
      letter_date: '2026-10-01',
      subject: o.subject,
      sifat: 'penting',
      urgency: 'segera',
      classification: '000.1.2',
      agenda_number: o.agenda,
      agenda_year: 2026,
      agenda_seq: o.seq,
      received_at: o.receivedAt,
      status: o.status,
      created_at: o.receivedAt,
      updated_at: o.receivedAt,
    });
    return Number(id);
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    for (const name of [
      'staf1.diskominfo',
      'staf2.diskominfo',
      'staf3.diskominfo',
      'kepala.diskominfo',
      'admin.diskominfo',
    ])
      user[name] = Number((await t.db('users').where({ username: name }).first('id')).id);

    // Received 2 October 23:30 WIB (16:30 UTC): in the register of 2 October, not the 3rd.
    const first = await incoming({
      opd: 'DISKOMINFO',
      agenda: '001/2026',
      seq: 1,
      receivedAt: new Date('2026-10-02T16:30:00Z'),
      sender: 'Kementerian Komunikasi dan Digital',
      number: 'B-1/KOMDIGI/2026',
      subject: 'Pemberitahuan, "Jaringan"; Pita Lebar',
      status: 'in_progress',
    });
    for (const [to, status] of [
      ['staf1.diskominfo', 'unread'],
      ['staf2.diskominfo', 'done'],
      ['staf3.diskominfo', 'read'],
    ] as const) {
      await t.db('dispositions').insert({
        incoming_letter_id: first,
        from_user_id: user['kepala.diskominfo'],
        to_user_id: user[to],
        instruction: 'Tindak lanjuti',
        status,
        created_at: new Date('2026-10-03T01:00:00Z'),
      });
    }
    await incoming({
      opd: 'DISKOMINFO',
      agenda: '002/2026',
      seq: 2,
      receivedAt: new Date('2026-10-20T02:00:00Z'),
      sender: 'Sekretariat Daerah',
      number: '100/SETDA/2026',
      subject: 'Undangan Apel',
      status: 'registered',
    });
    await incoming({
      opd: 'DISKOMINFO',
      agenda: '003/2026',
      seq: 3,
      receivedAt: new Date('2026-11-05T02:00:00Z'),
      sender: 'Dinas Kesehatan',
      number: '440/DINKES/2026',
      subject: 'Di luar periode',
      status: 'registered',
    });
    await incoming({
      opd: 'DISDIK',
      agenda: '001/2026',
      seq: 1,
      receivedAt: new Date('2026-10-05T02:00:00Z'),
      sender: 'SD Negeri 1',
      number: '421/SDN1/2026',
      subject: 'Surat Disdik',
      status: 'registered',
    });
    const at = new Date('2026-10-10T02:00:00Z');
    const [letterId] = await t.db('letters').insert({
      opd_id: opd.DISKOMINFO,
      drafter_id: user['staf1.diskominfo'],
      signer_id: user['kepala.diskominfo'],
      kind: 'surat-dinas',
      subject: 'Undangan Sosialisasi',
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000.1.2',
      status: 'sent',
      number: '000.1.2/27/DISKOMINFO/2026',
      number_date: '2026-10-10',
      created_at: at,
      updated_at: at,
    });
    await t.db('letter_recipients').insert([
      { letter_id: letterId, opd_id: opd.DISDIK, kind: 'to' },
      { letter_id: letterId, opd_id: opd.SETDA, kind: 'cc' },
    ]);
    await t.db('letters').insert({
      opd_id: opd.DISKOMINFO,
      drafter_id: user['staf1.diskominfo'],
      kind: 'surat-dinas',
      subject: 'Konsep tanpa nomor',
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000.1.2',
      status: 'draft',
      created_at: at,
      updated_at: at,
    });
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(tokens, await bearerTokens(server, ['admin.diskominfo', 'staf1.diskominfo', 'superadmin']));
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  const get = (name: string, path: string) =>
    request(server).get(path).set('Authorization', `Bearer ${tokens[name]}`).buffer(true).parse(binary);
  const OCTOBER = 'dari=2026-10-01&sampai=2026-10-31';

  it('writes the incoming register as CSV with a BOM and a header that parses back', async () => {
    const res = await get('admin.diskominfo', `/api/v1/archive/agenda.csv?jenis=masuk&${OCTOBER}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="buku-agenda-masuk-diskominfo-2026-10-01-2026-10-31.csv"',
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body, { bom: true });
    expect(rows).toEqual([
      INCOMING_HEADER,
      [
        '001/2026',
        '2026-10-02',
        'Kementerian Komunikasi dan Digital',
        'B-1/KOMDIGI/2026',
        '2026-10-01',
        'Pemberitahuan, "Jaringan"; Pita Lebar',
        'Penting',
        'Segera',
        '000.1.2',
        'Dalam disposisi',
        expect.stringContaining('; '),
      ],
      [
        '002/2026',
        '2026-10-20',
        'Sekretariat Daerah',
        '100/SETDA/2026',
        '2026-10-01',
        'Undangan Apel',
        'Penting',
        'Segera',
        '000.1.2',
        'Diregistrasi',
        '',
      ],
    ]);
    // The open dispositions' receivers: staf1 (unread) and staf3 (read), not staf2 (done).
    const names = await t
      .db('users')
      .whereIn('id', [user['staf1.diskominfo'], user['staf3.diskominfo']])
      .orderBy('id')
      .pluck('name');
    expect(rows[1][10]).toBe(names.join('; '));
  });

  it('filters by the date range, in WIB days', async () => {
    const third = await get(
      'admin.diskominfo',
      '/api/v1/archive/agenda.csv?jenis=masuk&dari=2026-10-03&sampai=2026-11-30',
    );
    expect(parse(third.body, { bom: true }).map((r: string[]) => r[0])).toEqual([
      'No. Agenda',
      '002/2026',
      '003/2026',
    ]);
    const second = await get(
      'admin.diskominfo',
      '/api/v1/archive/agenda.csv?jenis=masuk&dari=2026-10-02&sampai=2026-10-02',
    );
    expect(parse(second.body, { bom: true }).map((r: string[]) => r[0])).toEqual(['No. Agenda', '001/2026']);
  });

  it('writes the outgoing register as XLSX with a bold header, widths and real dates', async () => {
    const res = await get('admin.diskominfo', `/api/v1/archive/agenda.xlsx?jenis=keluar&${OCTOBER}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(
      'attachment; filename="buku-agenda-keluar-diskominfo',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...OUTGOING_HEADER]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(48);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('000.1.2/27/DISKOMINFO/2026');
    expect(row.getCell(2).value).toEqual(new Date('2026-10-10T00:00:00Z'));
    expect(row.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(3).value).toBe('Undangan Sosialisasi');
    expect(row.getCell(4).value).toBe('Dinas Pendidikan; Sekretariat Daerah (tembusan)');
    expect(row.getCell(5).value).toBe(
      (await t.db('users').where({ id: user['kepala.diskominfo'] }).first('name')).name,
    );
  });

  it('writes the incoming register as XLSX with the date received as a date', async () => {
    const res = await get('admin.diskominfo', `/api/v1/archive/agenda.xlsx?jenis=masuk&${OCTOBER}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...INCOMING_HEADER]);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date('2026-10-02T00:00:00Z'));
  });

  it('lets a superadmin export any OPD, which they must name', async () => {
    const disdik = await get(
      'superadmin',
      `/api/v1/archive/agenda.csv?jenis=masuk&${OCTOBER}&opd=${opd.DISDIK}`,
    );
    expect(disdik.status).toBe(200);
    expect(
      parse(disdik.body, { bom: true })
        .slice(1)
        .map((r: string[]) => r[5]),
    ).toEqual(['Surat Disdik']);
    const unnamed = await get('superadmin', `/api/v1/archive/agenda.csv?jenis=masuk&${OCTOBER}`);
    expect(unnamed.status).toBe(400);
  });

  it('refuses another OPD’s book to an admin_opd and any book to a plain ASN', async () => {
    const other = await get(
      'admin.diskominfo',
      `/api/v1/archive/agenda.csv?jenis=masuk&${OCTOBER}&opd=${opd.DISDIK}`,
    );
    expect(other.status).toBe(403);
    expect(
      (await get('admin.diskominfo', `/api/v1/archive/agenda.xlsx?jenis=keluar&opd=${opd.DISDIK}`)).status,
    ).toBe(403);
    expect((await get('staf1.diskominfo', `/api/v1/archive/agenda.csv?jenis=masuk&${OCTOBER}`)).status).toBe(
      403,
    );
    expect((await get('staf1.diskominfo', `/api/v1/archive/agenda.xlsx?jenis=keluar`)).status).toBe(403);
    expect((await request(server).get(`/api/v1/archive/agenda.csv?jenis=masuk`)).status).toBe(401);
  });

  it('refuses bad input with a 400', async () => {
    for (const query of [
      'jenis=semua',
      'jenis=masuk&dari=2026-13-01',
      'jenis=masuk&dari=2026-10-31&sampai=2026-10-01',
      '',
    ]) {
      const res = await request(server)
        .get(`/api/v1/archive/agenda.csv?${query}`)
        .set('Authorization', `Bearer ${tokens['admin.diskominfo']}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('serves the same downloads from the archive page for a signed-in admin only', async () => {
    const admin = (await formLogin(server, 'admin.diskominfo')).cookie!;
    const csv = await request(server)
      .get(`/arsip/buku-agenda.csv?jenis=keluar&${OCTOBER}`)
      .set('Cookie', admin)
      .buffer(true)
      .parse(binary);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="buku-agenda-keluar-diskominfo/,
    );
    expect(parse(csv.body, { bom: true })).toEqual([
      OUTGOING_HEADER,
      [
        '000.1.2/27/DISKOMINFO/2026',
        '2026-10-10',
        'Undangan Sosialisasi',
        'Dinas Pendidikan; Sekretariat Daerah (tembusan)',
        expect.any(String),
      ],
    ]);
    const xlsx = await request(server)
      .get(`/arsip/buku-agenda.xlsx?jenis=masuk&${OCTOBER}`)
      .set('Cookie', admin);
    expect(xlsx.status).toBe(200);
    expect(
      (await request(server).get(`/arsip/buku-agenda.csv?jenis=masuk&opd=${opd.DISDIK}`).set('Cookie', admin))
        .status,
    ).toBe(403);
    const staff = (await formLogin(server, 'staf1.diskominfo')).cookie!;
    expect(
      (await request(server).get('/arsip/buku-agenda.csv?jenis=masuk').set('Cookie', staff)).status,
    ).toBe(403);
  });
});

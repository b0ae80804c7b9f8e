import type { Server } from 'node:http';
import request from 'supertest';
import { DEMO_OPDS } from '../../lib/seed/demo-regency';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { opdPeople } from '../support/incoming';
import { bearerTokens } from '../support/bearer-tokens';
import { pdfText } from '../support/pdf-text';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A division's weekly agenda as a PDF through the real app and a real Chromium: the person's own
 * division by default, any division of the OPD for its head, nothing of another division for staff;
 * the text read back with pdftotext holds exactly the week's items of that division.
 */

jest.setTimeout(120_000);

const WEEK = '2026-W49'; // Monday 30 November – Sunday 6 December 2026
const [SD, SMP] = DEMO_OPDS.find((o) => o.code === 'DISDIK')!.divisions;
const wib = (local: string) => new Date(`${local}+07:00`);

describe.each(DATABASE_KINDS)('weekly agenda PDF on %s', (kind) => {
  let t: TestDatabase;
  let pool: BrowserPool;
  let server: Server;
  let token: Record<string, string>;
  let monitorName: string;
  let disdikId: number;

  const pdfOf = (user: string, query: string) =>
    request(server)
      .get(`/agenda/pekan.pdf?${query}`)
      .set('Authorization', `Bearer ${token[user]}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    server = createTestApp(t.config, t.db, undefined, undefined, pool).listen(0);
    token = await bearerTokens(server, ['staf1.disdik', 'kepala.disdik', 'staf1.dinkes']);
    const people = await opdPeople(t.db, 'DISDIK');
    const opdId = Number((await t.db('opd').where({ code: 'DISDIK' }).first('id')).id);
    disdikId = opdId;
    monitorName = (await t.db('users').where({ id: people.verifikator1 }).first('name')).name;
    const now = new Date();
    const item = (unit: string, title: string, startsAt: Date, endsAt: Date, responsibleId: number) => ({
      opd_id: opdId,
      unit,
      title,
      place: 'Aula Dinas Pendidikan',
      starts_at: startsAt,
      ends_at: endsAt,
      target_output: 'Notulen rapat',
      responsible_id: responsibleId,
      kind: startsAt.getTime() === endsAt.getTime() ? 'deadline' : 'event',
      source: 'manual',
      status: 'planned',
      created_by: responsibleId,
      created_at: now,
      updated_at: now,
    });
    await t.db('agenda_items').insert([
      item(
        SD,
        'Rapat Evaluasi Dana BOS',
        wib('2026-12-01T09:00:00'),
        wib('2026-12-01T11:00:00'),
        people.staf1,
      ),
      item(
        SD,
        'Monitoring Sekolah Dasar Benai',
        wib('2026-12-02T00:00:00'),
        wib('2026-12-04T23:59:00'),
        people.verifikator1,
      ),
      item(
        SD,
        'Tenggat Laporan Triwulan',
        wib('2026-12-06T16:00:00'),
        wib('2026-12-06T16:00:00'),
        people.staf1,
      ),
      // Outside the division, outside the week.
      item(
        SMP,
        'Bimbingan Teknis Guru SMP',
        wib('2026-12-03T08:00:00'),
        wib('2026-12-03T12:00:00'),
        people.staf2,
      ),
      item(
        SD,
        'Rapat Pekan Berikutnya',
        wib('2026-12-07T09:00:00'),
        wib('2026-12-07T10:00:00'),
        people.staf1,
      ),
    ]);
  });
  afterAll(async () => {
    server?.close();
    await pool?.close();
    await t?.drop();
  });

  it('prints the person’s own division for the week, with each item’s details', async () => {
    const res = await pdfOf('staf1.disdik', `minggu=${WEEK}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('DINAS PENDIDIKAN');
    expect(text).toContain('AGENDA KEGIATAN PEKANAN');
    expect(text).toContain(SD);
    expect(text).toContain('Senin, 30 November 2026');
    for (const title of [
      'Rapat Evaluasi Dana BOS',
      'Monitoring Sekolah Dasar Benai',
      'Tenggat Laporan Triwulan',
    ])
      expect(text).toContain(title);
    expect(text).toContain('09.00 – 11.00');
    expect(text).toContain('Tenggat 16.00');
    expect(text).toContain('Notulen rapat');
    expect(text).toContain('Terjadwal');
    expect(text).not.toContain('Bimbingan Teknis Guru SMP');
    expect(text).not.toContain('Rapat Pekan Berikutnya');
    // The three-day monitoring shows on each of its days (its responsible person has no other item).
    expect(text.split(monitorName)).toHaveLength(4);
  });

  it('lets the head print another division, and refuses it to staff and to other OPDs', async () => {
    const head = await pdfOf('kepala.disdik', `minggu=${WEEK}&unit=${encodeURIComponent(SMP)}`);
    expect(head.status).toBe(200);
    const text = pdfText(head.body as Buffer);
    expect(text).toContain('Bimbingan Teknis Guru SMP');
    expect(text).not.toContain('Rapat Evaluasi Dana BOS');

    const staff = await request(server)
      .get(`/agenda/pekan.pdf?minggu=${WEEK}&unit=${encodeURIComponent(SMP)}`)
      .set('Authorization', `Bearer ${token['staf1.disdik']}`);
    expect(staff.status).toBe(403);
    const otherOpd = await request(server)
      .get(`/agenda/pekan.pdf?minggu=${WEEK}&opd=${disdikId}`)
      .set('Authorization', `Bearer ${token['staf1.dinkes']}`);
    expect(otherOpd.status).toBe(403);
    const badWeek = await request(server)
      .get('/agenda/pekan.pdf?minggu=2026-W54')
      .set('Authorization', `Bearer ${token['staf1.disdik']}`);
    expect(badWeek.status).toBe(400);
  });
});

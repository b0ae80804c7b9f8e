import type { Server } from 'node:http';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { COUNT_CAP } from '../../lib/db/count-up-to';
import { listLetters, type LetterBox } from '../../lib/letters/list-letters';
import type { Actor } from '../../lib/rbac/policy';
import type { Role } from '../../lib/rbac/roles';
import type { LetterStatus } from '../../workflows/outgoing-letter-types';
import { formLogin } from '../support/form-login';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The letter boxes (konsep, terkirim, arsip) read from the database: who sees which letter, search,
 * pagination, newest first; the JSON API and the "Surat Saya" page list the same letters.
 */
describe.each(DATABASE_KINDS)('letter boxes on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  const ids: Record<string, number> = {};
  const actors: Record<string, Actor> = {};
  let minute = 0;

  async function actorOf(username: string): Promise<Actor> {
    const user = await t.db('users').where({ username }).first('id', 'opd_id');
    const roles = await t.db('user_roles').where({ user_id: user.id }).pluck('role');
    return { id: Number(user.id), opdId: Number(user.opd_id), roles: roles as Role[] };
  }

  /** A letter row as the workflow leaves it; each one a minute newer than the one before. */
  async function letter(key: string, drafter: string, status: LetterStatus, number: string | null = null) {
    const actor = actors[drafter];
    const at = new Date(Date.UTC(2026, 10, 1, 8, minute++));
    const [id] = await t.db('letters').insert({
      opd_id: actor.opdId,
      drafter_id: actor.id,
      kind: 'surat-dinas',
      subject: key,
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000',
      status,
      number,
      created_at: at,
      updated_at: at,
    });
    ids[key] = Number(id);
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    for (const u of [
      'staf1.diskominfo',
      'staf2.diskominfo',
      'staf3.diskominfo',
      'admin.diskominfo',
      'staf1.disdik',
      'staf2.disdik',
      'superadmin',
    ]) {
      actors[u] = await actorOf(u);
    }
    await letter('Konsep Rapat Anggaran', 'staf1.diskominfo', 'draft');
    await letter('Permohonan Data 50% Pegawai', 'staf1.diskominfo', 'verifying');
    await letter('Undangan Sosialisasi e-Office', 'staf1.diskominfo', 'sent', '000.1.2/5/DISKOMINFO/2026');
    await letter('Pemberitahuan yang Ditarik', 'staf1.diskominfo', 'withdrawn');
    await letter('Surat Edaran Jam Kerja', 'staf1.diskominfo', 'sending', '000.1.2/6/DISKOMINFO/2026');
    await letter('Laporan Bulanan Diskominfo', 'staf2.diskominfo', 'sent', '000.1.2/7/DISKOMINFO/2026');
    await letter('Konsep Staf Dua', 'staf2.diskominfo', 'numbering');
    await letter('Undangan Rahasia Disdik', 'staf1.disdik', 'sent', '000.1.2/5/DISDIK/2026');
    await letter('Konsep Disdik', 'staf1.disdik', 'draft');
    for (let i = 1; i <= 23; i++)
      await letter(`Nota ${String(i).padStart(2, '0')}`, 'staf3.diskominfo', 'draft');
    server = createTestApp(t.config, t.db).listen(0);
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  const list = (user: string, box: LetterBox, extra: { q?: string; page?: number; pageSize?: number } = {}) =>
    listLetters(t.db, actors[user], { box, page: 1, pageSize: 50, ...extra });
  const subjects = async (user: string, box: LetterBox, extra: { q?: string } = {}) =>
    (await list(user, box, extra)).items.map((i) => i.subject);

  it('puts the drafter’s unfinished letters in drafts, newest first', async () => {
    expect(await subjects('staf1.diskominfo', 'drafts')).toEqual([
      'Permohonan Data 50% Pegawai',
      'Konsep Rapat Anggaran',
    ]);
    expect(await subjects('staf2.diskominfo', 'drafts')).toEqual(['Konsep Staf Dua']);
  });

  it('puts signed letters, delivered or being delivered, in sent', async () => {
    const sent = await list('staf1.diskominfo', 'sent');
    expect(sent.items.map((i) => [i.subject, i.status, i.number])).toEqual([
      ['Surat Edaran Jam Kerja', 'sending', '000.1.2/6/DISKOMINFO/2026'],
      ['Undangan Sosialisasi e-Office', 'sent', '000.1.2/5/DISKOMINFO/2026'],
    ]);
    expect(sent.items[0]).toEqual({
      id: ids['Surat Edaran Jam Kerja'],
      subject: 'Surat Edaran Jam Kerja',
      kind: 'surat-dinas',
      status: 'sending',
      number: '000.1.2/6/DISKOMINFO/2026',
      updatedAt: new Date(Date.UTC(2026, 10, 1, 8, 4)),
    });
  });

  it('shows the whole OPD’s archive to its admin, only one’s own to others, never another OPD’s', async () => {
    expect(await subjects('admin.diskominfo', 'archive')).toEqual([
      'Laporan Bulanan Diskominfo',
      'Surat Edaran Jam Kerja',
      'Pemberitahuan yang Ditarik',
      'Undangan Sosialisasi e-Office',
    ]);
    expect(await subjects('staf1.diskominfo', 'archive')).toEqual([
      'Surat Edaran Jam Kerja',
      'Pemberitahuan yang Ditarik',
      'Undangan Sosialisasi e-Office',
    ]);
    expect(await subjects('staf1.disdik', 'archive')).toEqual(['Undangan Rahasia Disdik']);
    for (const user of ['admin.diskominfo', 'staf1.diskominfo', 'staf2.diskominfo']) {
      for (const box of ['drafts', 'sent', 'archive'] as const) {
        const found = await subjects(user, box);
        expect(found.filter((s) => s.includes('Disdik'))).toEqual([]);
      }
    }
    expect(await subjects('admin.diskominfo', 'drafts')).toEqual([]);
  });

  it('searches subject and number, case-insensitively, with % and _ taken literally', async () => {
    expect(await subjects('admin.diskominfo', 'archive', { q: '5/DISKOMINFO' })).toEqual([
      'Undangan Sosialisasi e-Office',
    ]);
    expect(await subjects('admin.diskominfo', 'archive', { q: 'undangan' })).toEqual([
      'Undangan Sosialisasi e-Office',
    ]);
    expect(await subjects('staf1.diskominfo', 'drafts', { q: '50%' })).toEqual([
      'Permohonan Data 50% Pegawai',
    ]);
    expect(await subjects('staf1.diskominfo', 'drafts', { q: '%' })).toEqual(['Permohonan Data 50% Pegawai']);
    expect(await subjects('staf1.diskominfo', 'drafts', { q: '_' })).toEqual([]);
    expect(await subjects('admin.diskominfo', 'archive', { q: 'DISDIK' })).toEqual([]);
  });

  it('pages through a box', async () => {
    const first = await list('staf3.diskominfo', 'drafts', { pageSize: 10 });
    const third = await list('staf3.diskominfo', 'drafts', { pageSize: 10, page: 3 });
    expect(first.total).toBe(23);
    expect(first.items.map((i) => i.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Nota ${String(23 - i).padStart(2, '0')}`),
    );
    expect(third.items.map((i) => i.subject)).toEqual(['Nota 03', 'Nota 02', 'Nota 01']);
    expect((await list('staf3.diskominfo', 'drafts', { pageSize: 10, page: 4 })).items).toEqual([]);
  });

  describe('through the API and the page', () => {
    const tokens: Record<string, string> = {};
    const api = (user: string, query: string) =>
      request(server).get(`/api/v1/letters${query}`).set('Authorization', `Bearer ${tokens[user]}`);

    beforeAll(async () => {
      Object.assign(
        tokens,
        await bearerTokens(server, ['staf1.diskominfo', 'admin.diskominfo', 'staf3.diskominfo']),
      );
    });

    it('answers GET /api/v1/letters with the same boxes, validated', async () => {
      for (const [user, box] of [
        ['staf1.diskominfo', 'drafts'],
        ['staf1.diskominfo', 'sent'],
        ['admin.diskominfo', 'archive'],
      ] as const) {
        const res = await api(user, `?box=${box}`);
        expect(res.status).toBe(200);
        const expected = await list(user, box, { pageSize: 25 });
        expect(res.body).toEqual(JSON.parse(JSON.stringify(expected)));
      }
      const searched = await api('admin.diskominfo', '?box=archive&q=5%2FDISKOMINFO');
      expect(searched.body.items.map((i: { id: number }) => i.id)).toEqual([
        ids['Undangan Sosialisasi e-Office'],
      ]);
      const paged = await api('staf3.diskominfo', '?box=drafts&page=3&pageSize=10');
      expect(paged.body).toMatchObject({ total: 23, page: 3, pageSize: 10 });
      expect(paged.body.items).toHaveLength(3);

      const bad = await api('staf1.diskominfo', '?box=semua');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
      expect((await api('staf1.diskominfo', '?page=0')).status).toBe(400);
      expect((await request(server).get('/api/v1/letters')).status).toBe(401);
    });

    it('shows the boxes as tabs with Indonesian statuses, search, pagination and empty states', async () => {
      const staf1 = (await formLogin(server, 'staf1.diskominfo')).cookie!;
      const drafts = await request(server).get('/surat').set('Cookie', staf1);
      expect(drafts.status).toBe(200);
      expect(drafts.text).toMatch(
        /class="nav-link active" href="\/surat\?kotak&#x3D;konsep" aria-current="page"/,
      );
      expect(drafts.text).toContain(`data-letter-id="${ids['Konsep Rapat Anggaran']}"`);
      expect(drafts.text).toContain('Dalam Verifikasi');
      expect(drafts.text).toContain(`href="/surat/${ids['Konsep Rapat Anggaran']}/ubah"`);
      // Under verification it is no longer editable from the list.
      expect(drafts.text).not.toContain(`href="/surat/${ids['Permohonan Data 50% Pegawai']}/ubah"`);

      const archive = await request(server).get('/surat?kotak=arsip').set('Cookie', staf1);
      expect(archive.text).toContain('Ditarik');
      expect(archive.text).toContain('000.1.2/5/DISKOMINFO/2026');
      expect(archive.text).not.toContain('Laporan Bulanan Diskominfo');
      expect(archive.text).not.toContain('Disdik');

      const search = await request(server)
        .get('/surat?kotak=arsip&q=tidak-ada-yang-cocok')
        .set('Cookie', staf1);
      expect(search.text).toContain('Tidak ada surat yang cocok dengan “tidak-ada-yang-cocok”.');
      expect(search.text).toContain('name="kotak" value="arsip"');

      const staf3 = (await formLogin(server, 'staf3.diskominfo')).cookie!;
      const page1 = await request(server).get('/surat?kotak=konsep').set('Cookie', staf3);
      expect(page1.text).toContain('Halaman 1 dari 2');
      expect(page1.text).toContain('href="/surat?kotak&#x3D;konsep&amp;page&#x3D;2"');
      const page2 = await request(server).get('/surat?kotak=konsep&page=2').set('Cookie', staf3);
      expect((page2.text.match(/data-letter-id=/g) ?? []).length).toBe(3);
      const sent = await request(server).get('/surat?kotak=terkirim').set('Cookie', staf3);
      expect(sent.text).toContain('data-testid="empty-state"');
      expect(sent.text).toContain('Belum ada surat yang terkirim.');

      expect((await request(server).get('/surat?kotak=semua').set('Cookie', staf1)).status).toBe(400);
    });
  });

  // Last: these letters would crowd every archive above.
  describe('past the count cap', () => {
    const MANY = COUNT_CAP + 40;

    beforeAll(async () => {
      const drafter = actors['staf2.disdik'];
      const at = new Date(Date.UTC(2026, 9, 1));
      const rows = Array.from({ length: MANY }, (_, i) => ({
        opd_id: drafter.opdId,
        drafter_id: drafter.id,
        kind: 'surat-dinas',
        subject: `Arsip Lama ${i}`,
        sifat: 'biasa',
        urgency: 'biasa',
        classification: '000',
        status: 'sent',
        created_at: at,
        updated_at: at,
      }));
      await t.db.batchInsert('letters', rows, 500);
    }, 120_000);

    it('caps the total past 10,000 letters, yet counts exactly near the end and keeps the next page', async () => {
      const archived = MANY + 5; // and the five closed letters above
      const first = await list('superadmin', 'archive', { pageSize: 20 });
      expect(first).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(first.items).toHaveLength(20);
      // Page 502 ends at letter 10,040 of 10,045: still capped, there is a next page.
      const before = await list('superadmin', 'archive', { pageSize: 20, page: 502 });
      expect(before).toMatchObject({ total: 502 * 20, totalCapped: true });
      const last = await list('superadmin', 'archive', { pageSize: 20, page: 503 });
      expect(last).toMatchObject({ total: archived, totalCapped: false });
      expect(last.items).toHaveLength(archived - 502 * 20);
      // The drafter's own archive: the same cap; the other boxes stay exact.
      expect(await list('staf2.disdik', 'archive')).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(await list('staf1.disdik', 'archive')).toMatchObject({ total: 1, totalCapped: false });
    });

    it('says "Lebih dari 10.000 surat" on the page, with no last page but a next one', async () => {
      const cookie = (await formLogin(server, 'staf2.disdik')).cookie!;
      const page = await request(server).get('/surat?kotak=arsip').set('Cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        'Lebih dari 10.000 surat; persempit dengan pencarian untuk jumlah yang pasti',
      );
      expect(page.text).toMatch(/<span class="page-link">Halaman 1<\/span>/);
      expect(page.text).toContain('href="/surat?kotak&#x3D;arsip&amp;page&#x3D;2"');
      const searched = await request(server)
        .get('/surat?kotak=arsip&q=Arsip+Lama+1234')
        .set('Cookie', cookie);
      expect(searched.text).toContain('>1 surat<');
      expect(searched.text).not.toContain('Halaman');
    });
  });
});

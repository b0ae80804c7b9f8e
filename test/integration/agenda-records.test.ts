import type { Server } from 'node:http';
import type { Knex } from 'knex';
import request from 'supertest';
import { countAgendaItems } from '../../lib/agenda/count-agenda-items';
import { listAgendaItems } from '../../lib/agenda/list-agenda-items';
import type { AgendaFilter } from '../../lib/agenda/agenda-labels';
import type { Actor } from '../../lib/rbac/policy';
import { bearerTokens } from '../support/bearer-tokens';
import { csrfIn, formLogin } from '../support/form-login';
import { opdIds, userIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The agenda's records on both databases, through the real app (no Temporal: nothing here reaches a
 * workflow): who sees which activity (own, named on, own division; the head and the bagian umum the
 * whole OPD; another OPD a 404), the status filters and the dashboard counters at a fixed moment, and
 * bad input refused with a 400 (or 403 for someone who may not change the item) that changes nothing.
 */

jest.setTimeout(120_000);

const DIV_APP = 'Bidang Aplikasi Informatika';
const DIV_STAT = 'Bidang Persandian dan Statistik';
const PEOPLE = [
  'superadmin',
  'kepala.diskominfo',
  'admin.diskominfo',
  'verifikator1.diskominfo',
  'verifikator2.diskominfo',
  'staf1.diskominfo',
  'staf2.diskominfo',
  'staf3.diskominfo',
  'staf1.disdik',
] as const;
/** Thursday 3 December 2026, 10:00 WIB. */
const NOW = new Date('2026-12-03T03:00:00Z');
const wib = (isoLocal: string) => new Date(`${isoLocal}:00+07:00`);

interface Row {
  opdId: number;
  unit: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  responsibleId: number;
  participantIds?: number[];
  status?: 'planned' | 'done' | 'cancelled';
  createdBy?: number;
}

/** An item as the records hold it, written straight to the table (these tests never start a workflow). */
async function insertItem(db: Knex, row: Row): Promise<number> {
  const [id] = await db('agenda_items').insert({
    opd_id: row.opdId,
    unit: row.unit,
    title: row.title,
    place: 'Ruang Rapat',
    starts_at: row.startsAt,
    ends_at: row.endsAt,
    target_output: 'Laporan hasil rapat',
    responsible_id: row.responsibleId,
    status: row.status ?? 'planned',
    created_by: row.createdBy ?? row.responsibleId,
    created_at: NOW,
    updated_at: NOW,
  });
  for (const userId of row.participantIds ?? [])
    await db('agenda_participants').insert({ agenda_item_id: Number(id), user_id: userId });
  return Number(id);
}

async function counts(db: Knex) {
  const out: Record<string, number> = {};
  for (const table of ['agenda_items', 'agenda_participants', 'agenda_output_files', 'audit_log']) {
    const [{ n }] = await db(table).count({ n: '*' });
    out[table] = Number(n);
  }
  return out;
}

describe.each(DATABASE_KINDS)('agenda records on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  let u: Record<string, number>;
  const token: Record<string, string> = {};
  const item: Record<string, number> = {};
  const actorOf = async (username: string): Promise<Actor> => {
    const user = await t.db('users').where({ id: u[username] }).first('id', 'opd_id');
    const roles: Actor['roles'] = await t.db('user_roles').where({ user_id: user.id }).pluck('role');
    return { id: Number(user.id), opdId: Number(user.opd_id), roles };
  };
  const api = (who: string) => ({
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${token[who]}`),
    post: (path: string, body: object) =>
      request(server).post(path).set('Authorization', `Bearer ${token[who]}`).send(body),
    patch: (path: string, body: object) =>
      request(server).patch(path).set('Authorization', `Bearer ${token[who]}`).send(body),
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    u = await userIds(t.db, [...PEOPLE]);
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(token, await bearerTokens(server, [...PEOPLE]));
    const K = opd.DISKOMINFO;
    const day = { startsAt: wib('2026-12-10T09:00'), endsAt: wib('2026-12-10T11:00') };
    item.appDivision = await insertItem(t.db, {
      opdId: K,
      unit: DIV_APP,
      title: 'Rapat bidang aplikasi',
      responsibleId: u['staf1.diskominfo'],
      ...day,
    });
    item.statDivision = await insertItem(t.db, {
      opdId: K,
      unit: DIV_STAT,
      title: 'Survei statistik sektoral',
      responsibleId: u['staf2.diskominfo'],
      participantIds: [u['staf1.diskominfo']],
      ...day,
    });
    item.wholeOpd = await insertItem(t.db, {
      opdId: K,
      unit: '',
      title: 'Rapat pimpinan',
      responsibleId: u['kepala.diskominfo'],
      ...day,
    });
    item.otherOpd = await insertItem(t.db, {
      opdId: opd.DISDIK,
      unit: 'Bidang Pembinaan Sekolah Dasar',
      title: 'Monitoring sekolah dasar',
      responsibleId: u['staf1.disdik'],
      ...day,
    });
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  describe('who sees what', () => {
    const visible = async (who: string) => {
      const res = await api(who).get('/api/v1/agenda?pageSize=100');
      expect(res.status).toBe(200);
      return (res.body.items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
    };
    const ids = (...names: string[]) => names.map((n) => item[n]).sort((a, b) => a - b);

    it('a person sees their own, the ones they are named on, and their division’s', async () => {
      expect(await visible('staf1.diskominfo')).toEqual(ids('appDivision', 'statDivision'));
      expect(await visible('staf2.diskominfo')).toEqual(ids('statDivision'));
      expect(await visible('staf3.diskominfo')).toEqual([]);
    });

    it('the division head sees the division; the head and the bagian umum the whole OPD', async () => {
      expect(await visible('verifikator1.diskominfo')).toEqual(ids('appDivision'));
      expect(await visible('verifikator2.diskominfo')).toEqual(ids('statDivision'));
      expect(await visible('kepala.diskominfo')).toEqual(ids('appDivision', 'statDivision', 'wholeOpd'));
      expect(await visible('admin.diskominfo')).toEqual(ids('appDivision', 'statDivision', 'wholeOpd'));
      expect(await visible('superadmin')).toEqual(ids('appDivision', 'statDivision', 'wholeOpd', 'otherOpd'));
      expect(await visible('staf1.disdik')).toEqual(ids('otherOpd'));
    });

    it('an item one may not see is a 404, the same as a missing one', async () => {
      for (const [who, what] of [
        ['staf1.disdik', 'appDivision'],
        ['staf1.diskominfo', 'wholeOpd'],
        ['staf1.diskominfo', 'otherOpd'],
        ['staf2.diskominfo', 'appDivision'],
      ]) {
        const res = await api(who).get(`/api/v1/agenda/${item[what]}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      expect((await api('staf1.diskominfo').get('/api/v1/agenda/999999')).status).toBe(404);
      const seen = await api('verifikator1.diskominfo').get(`/api/v1/agenda/${item.appDivision}`);
      expect(seen.status).toBe(200);
      expect(seen.body.item).toMatchObject({ title: 'Rapat bidang aplikasi', unit: DIV_APP });
      expect(seen.body.canManage).toBe(false);
      expect(seen.body.viewer).toBeUndefined();
    });

    it('filters by division and by person within what one sees', async () => {
      const byUnit = await api('kepala.diskominfo').get(
        `/api/v1/agenda?unit=${encodeURIComponent(DIV_STAT)}`,
      );
      expect(byUnit.body.items.map((i: { id: number }) => i.id)).toEqual([item.statDivision]);
      const byPerson = await api('kepala.diskominfo').get(`/api/v1/agenda?person=${u['staf1.diskominfo']}`);
      expect(byPerson.body.items.map((i: { id: number }) => i.id).sort()).toEqual(
        [item.appDivision, item.statDivision].sort(),
      );
      // Another OPD's person filter shows nothing of theirs.
      const foreign = await api('kepala.diskominfo').get(`/api/v1/agenda?person=${u['staf1.disdik']}`);
      expect(foreign.body.total).toBe(0);
      expect((await api('kepala.diskominfo').get('/api/v1/agenda?status=soon')).status).toBe(400);
    });
  });

  describe('status filters and counters at a fixed moment', () => {
    const titles: Record<string, number> = {};
    let staf3: Actor;

    beforeAll(async () => {
      const base = { opdId: opd.DISKOMINFO, unit: 'Sekretariat', responsibleId: u['staf3.diskominfo'] };
      const add = async (title: string, from: string, to: string, status?: Row['status']) => {
        titles[title] = await insertItem(t.db, {
          ...base,
          title,
          startsAt: wib(from),
          endsAt: wib(to),
          status,
        });
      };
      await add('kemarin belum lapor', '2026-12-02T09:00', '2026-12-02T11:00');
      await add('tadi pagi', '2026-12-03T07:00', '2026-12-03T08:00');
      await add('sedang berjalan', '2026-12-03T09:00', '2026-12-03T12:00');
      await add('nanti sore', '2026-12-03T14:00', '2026-12-03T15:00');
      await add('lima hari lagi', '2026-12-08T09:00', '2026-12-08T10:00');
      await add('dua puluh hari lagi', '2026-12-23T09:00', '2026-12-23T10:00');
      await add('kemarin selesai', '2026-12-02T13:00', '2026-12-02T14:00', 'done');
      await add('hari ini batal', '2026-12-03T13:00', '2026-12-03T14:00', 'cancelled');
      staf3 = await actorOf('staf3.diskominfo');
    });

    const listed = async (status?: AgendaFilter, range: { from?: string; to?: string } = {}) =>
      (await listAgendaItems(t.db, staf3, { status, ...range, page: 1, pageSize: 100 }, NOW)).items
        .map((i) => i.title)
        .sort();

    it('today, upcoming, overdue, done and cancelled', async () => {
      expect(await listed('today')).toEqual(['nanti sore', 'sedang berjalan', 'tadi pagi']);
      expect(await listed('upcoming')).toEqual(['dua puluh hari lagi', 'lima hari lagi', 'nanti sore']);
      expect(await listed('overdue')).toEqual(['kemarin belum lapor', 'tadi pagi']);
      expect(await listed('done')).toEqual(['kemarin selesai']);
      expect(await listed('cancelled')).toEqual(['hari ini batal']);
      expect((await listed()).length).toBe(8);
    });

    it('a date range keeps the items taking place on its days (WIB)', async () => {
      expect(await listed(undefined, { from: '2026-12-08', to: '2026-12-23' })).toEqual([
        'dua puluh hari lagi',
        'lima hari lagi',
      ]);
      expect(await listed(undefined, { from: '2026-12-02', to: '2026-12-02' })).toEqual([
        'kemarin belum lapor',
        'kemarin selesai',
      ]);
    });

    it('the dashboard counts today, the next seven days and overdue', async () => {
      expect(await countAgendaItems(t.db, staf3, NOW)).toEqual({
        today: 3,
        upcoming: 2,
        overdue: 2,
        upcomingUntil: '2026-12-10',
      });
    });

    it('pages do not overlap', async () => {
      const page = async (p: number) =>
        (await listAgendaItems(t.db, staf3, { page: p, pageSize: 3 }, NOW)).items.map((i) => i.id);
      const all = [...(await page(1)), ...(await page(2)), ...(await page(3))];
      expect(new Set(all).size).toBe(8);
    });
  });

  describe('bad input and refusals change nothing', () => {
    const valid = {
      title: 'Rapat koordinasi',
      startsAt: '2026-12-10T09:00:00+07:00',
      endsAt: '2026-12-10T11:00:00+07:00',
    };
    const refused = async (send: () => request.Test, status: number, field?: string) => {
      const before = await counts(t.db);
      const res = await send();
      expect(res.status).toBe(status);
      if (field)
        expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await counts(t.db)).toEqual(before);
      return res;
    };

    it('refuses a new item without a title, with the end before the start, or with strangers', async () => {
      const staf1 = api('staf1.diskominfo');
      await refused(() => staf1.post('/api/v1/agenda', { ...valid, title: ' ' }), 400, 'title');
      const backwards = await refused(
        () => staf1.post('/api/v1/agenda', { ...valid, endsAt: '2026-12-10T08:00:00+07:00' }),
        400,
        'endsAt',
      );
      expect(backwards.body.error.message).toContain('Waktu selesai harus sesudah waktu mulai');
      await refused(
        () => staf1.post('/api/v1/agenda', { ...valid, startsAt: '10-12-2026' }),
        400,
        'startsAt',
      );
      await refused(
        () => staf1.post('/api/v1/agenda', { ...valid, responsibleId: u['staf1.disdik'] }),
        400,
        'responsibleId',
      );
      await refused(() => staf1.post('/api/v1/agenda', { ...valid, unit: DIV_STAT }), 400, 'unit');
      await refused(() => staf1.post('/api/v1/agenda', { ...valid, letter: '999/X/2026' }), 400, 'letter');
      await refused(
        () => staf1.post('/api/v1/agenda', { ...valid, participantIds: [999999] }),
        400,
        'participantIds',
      );
    });

    it('refuses changes from someone who may only see the item, and bad dates', async () => {
      // staf1 is named on it, not responsible: may see, may not change.
      await refused(
        () => api('staf1.diskominfo').patch(`/api/v1/agenda/${item.statDivision}`, { title: 'Diubah' }),
        403,
      );
      await refused(
        () => api('staf1.disdik').patch(`/api/v1/agenda/${item.statDivision}`, { title: 'Diubah' }),
        404,
      );
      await refused(
        () =>
          api('staf2.diskominfo').patch(`/api/v1/agenda/${item.statDivision}`, {
            startsAt: '2026-12-10T12:00:00+07:00',
          }),
        400,
        'endsAt',
      );
      await refused(() => api('staf2.diskominfo').patch(`/api/v1/agenda/${item.statDivision}`, {}), 400);
      await refused(
        () => api('staf2.diskominfo').post(`/api/v1/agenda/${item.statDivision}/done`, { output: '  ' }),
        400,
        'output',
      );
      await refused(
        () => api('staf2.diskominfo').post(`/api/v1/agenda/${item.statDivision}/cancel`, { reason: '' }),
        400,
        'reason',
      );
      const row = await t.db('agenda_items').where({ id: item.statDivision }).first();
      expect(row).toMatchObject({ title: 'Survei statistik sektoral', status: 'planned' });
    });

    it('a change that keeps the dates is stored with its audit row (no workflow needed)', async () => {
      const res = await api('kepala.diskominfo').patch(`/api/v1/agenda/${item.statDivision}`, {
        title: 'Survei statistik sektoral 2026',
        participantIds: [u['staf3.diskominfo']],
      });
      expect(res.status).toBe(200);
      expect(res.body.changed.sort()).toEqual(['participantIds', 'title']);
      const row = await t.db('agenda_items').where({ id: item.statDivision }).first('title');
      expect(row.title).toBe('Survei statistik sektoral 2026');
      expect(
        await t.db('agenda_participants').where({ agenda_item_id: item.statDivision }).pluck('user_id'),
      ).toEqual([u['staf3.diskominfo']]);
      const audit = await t.db('audit_log').where({ action: 'agenda.update' }).orderBy('id', 'desc').first();
      expect(audit).toMatchObject({
        entity_type: 'agenda_item',
        entity_id: String(item.statDivision),
        actor_id: u['kepala.diskominfo'],
        opd_id: opd.DISKOMINFO,
      });
      // staf1 is no longer named on it and is not in that division.
      expect((await api('staf1.diskominfo').get(`/api/v1/agenda/${item.statDivision}`)).status).toBe(404);
    });

    it('the form shows each problem beside its field and keeps what was typed', async () => {
      const { cookie } = await formLogin(server, 'staf1.diskominfo');
      const form = await request(server).get('/agenda/baru').set('Cookie', cookie!);
      expect(form.status).toBe(200);
      expect(form.text).toContain(`<option value="${DIV_APP}" selected>`);
      const before = await counts(t.db);
      const res = await request(server)
        .post('/agenda/baru')
        .set('Cookie', cookie!)
        .type('form')
        .send({
          _csrf: csrfIn(form.text),
          title: 'Bimtek aplikasi <SRIKANDI>',
          place: 'Aula',
          startDate: '2026-12-10',
          startTime: '13:00',
          endDate: '2026-12-10',
          endTime: '12:00',
          targetOutput: 'Daftar hadir',
          responsibleId: String(u['staf1.diskominfo']),
          participantIds: [String(u['staf2.diskominfo'])],
          unit: DIV_APP,
        });
      expect(res.status).toBe(400);
      expect(res.text).toContain('data-field-error="endsAt"');
      expect(res.text).toContain('value="Bimtek aplikasi &lt;SRIKANDI&gt;"');
      expect(res.text).toMatch(new RegExp(`id="participant-${u['staf2.diskominfo']}" value="\\d+" checked`));
      expect(await counts(t.db)).toEqual(before);
      const noCsrf = await request(server)
        .post('/agenda/baru')
        .set('Cookie', cookie!)
        .type('form')
        .send({ title: 'x' });
      expect(noCsrf.status).toBe(403);
    });
  });

  it('pages: the list with counters, the calendar and the detail, each only what one may see', async () => {
    const { cookie } = await formLogin(server, 'verifikator1.diskominfo');
    const get = (path: string) => request(server).get(path).set('Cookie', cookie!);
    const list = await get('/agenda');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Rapat bidang aplikasi');
    expect(list.text).not.toContain('Rapat pimpinan');
    expect(list.text).toContain('data-testid="agenda-count-upcoming"');
    const empty = await get('/agenda?status=cancelled');
    expect(empty.text).toContain('data-testid="empty-state"');
    const month = await get('/agenda/kalender?bulan=2026-12');
    expect(month.status).toBe(200);
    expect(month.text).toContain('Desember 2026');
    expect(month.text).toMatch(/data-date="2026-12-10"[\s\S]*?Rapat bidang aplikasi/);
    expect(month.text).not.toContain('Monitoring sekolah dasar');
    const week = await get('/agenda/kalender?minggu=2026-W50');
    expect(week.text).toContain('data-testid="calendar-week"');
    expect(week.text).toContain('Rapat bidang aplikasi');
    expect((await get('/agenda/kalender?minggu=2026-W60')).status).toBe(400);
    expect((await get(`/agenda/${item.appDivision}`)).text).toContain('Laporan hasil rapat');
    expect((await get(`/agenda/${item.wholeOpd}`)).status).toBe(404);
    const dashboard = await get('/');
    expect(dashboard.text).toContain('data-testid="dashboard-agenda"');
    expect(dashboard.text).toContain('href="/agenda"');
  });
});

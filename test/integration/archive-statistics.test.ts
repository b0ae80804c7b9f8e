import type { Server } from 'node:http';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { computeStatistics } from '../../lib/archive/compute-statistics';
import { toDate } from '../../lib/db/to-date';
import { recordProgress } from '../../lib/letters/record-progress';
import { countTasks } from '../../lib/tasks/count-tasks';
import { listTasks } from '../../lib/tasks/list-tasks';
import type { Actor } from '../../lib/rbac/policy';
import type { Role } from '../../lib/rbac/roles';
import { formLogin } from '../support/form-login';
import { opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';
import type { LetterState } from '../../workflows/outgoing-letter-types';
import { useFakeClock } from '../support/fake-clock';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-01T00:00:00Z');
const PERIOD = { from: '2026-09-01', to: '2026-10-31' };

/**
 * Statistics on a constructed dataset whose steps and dispositions have known times: every count,
 * average and overdue figure below is computed by hand in the comments.
 */
describe.each(DATABASE_KINDS)('archive statistics on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  const actors: Record<string, Actor> = {};

  async function actorOf(username: string): Promise<Actor> {
    const user = await t.db('users').where({ username }).first('id', 'opd_id');
    const roles = await t.db('user_roles').where({ user_id: user.id }).pluck('role');
    return { id: Number(user.id), opdId: Number(user.opd_id), roles: roles as Role[] };
  }

  type Step = [kind: string, status: string, created: string, acted: string | null, due: string | null];
  async function letter(code: string, sentAt: string | null, steps: Step[]) {
    const drafter = actors[`staf1.${code.toLowerCase()}`];
    const [id] = await t.db('letters').insert({
      opd_id: opd[code],
      drafter_id: drafter.id,
      kind: 'surat-dinas',
      subject: 'Surat uji statistik',
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000',
      status: sentAt ? 'sent' : 'numbering',
      sent_at: sentAt ? at(sentAt) : null,
      created_at: at('2026-08-01T00:00:00Z'),
      updated_at: at('2026-08-01T00:00:00Z'),
    });
    let seq = 1;
    for (const [stepKind, status, created, acted, due] of steps) {
      await t.db('letter_steps').insert({
        letter_id: id,
        seq: seq++,
        kind: stepKind,
        assignee_id: drafter.id,
        opd_id: opd[code],
        status,
        created_at: at(created),
        acted_at: acted ? at(acted) : null,
        due_at: due ? at(due) : null,
      });
    }
  }

  type Disposition = [status: string, created: string, finished: string | null, due: string | null];
  async function incoming(code: string, createdAt: string, dispositions: Disposition[] = []) {
    const [id] = await t.db('incoming_letters').insert({
      opd_id: opd[code],
      source: 'paper',
      sender_name: 'Pengirim Uji',
      number: `UJI/${createdAt}`,
      letter_date: createdAt.slice(0, 10),
      subject: 'Surat masuk uji',
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000',
      status: 'in_progress',
      received_at: at(createdAt),
      created_at: at(createdAt),
      updated_at: at(createdAt),
    });
    const people = [actors[`admin.${code.toLowerCase()}`], actors[`staf1.${code.toLowerCase()}`]];
    for (const [status, created, finished, due] of dispositions) {
      await t.db('dispositions').insert({
        incoming_letter_id: id,
        from_user_id: people[0].id,
        to_user_id: people[1].id,
        instruction: 'Tindak lanjuti',
        status,
        created_at: at(created),
        finished_at: finished ? at(finished) : null,
        due_at: due ? at(due) : null,
      });
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    for (const u of ['admin.diskominfo', 'staf1.diskominfo', 'admin.disdik', 'staf1.disdik', 'superadmin'])
      actors[u] = await actorOf(u);

    // Sent in September; verify 2 h (1 h late), verify 24 h, number 4 h, sign 10 h.
    await letter('DISKOMINFO', '2026-09-10T03:00:00Z', [
      ['verify', 'done', '2026-09-01T01:00:00Z', '2026-09-01T03:00:00Z', '2026-09-01T02:00:00Z'],
      ['verify', 'done', '2026-09-01T01:00:00Z', '2026-09-02T01:00:00Z', '2026-09-03T01:00:00Z'],
      ['number', 'done', '2026-09-01T01:00:00Z', '2026-09-01T05:00:00Z', null],
      ['sign', 'done', '2026-09-01T01:00:00Z', '2026-09-01T11:00:00Z', null],
    ]);
    // Sent 30 September 18:00 UTC, which is 1 October 01:00 WIB: an October letter. Verify 6 h; the
    // numbering is still open past its due time (overdue); the signing waits, with no due time yet.
    await letter('DISKOMINFO', '2026-09-30T18:00:00Z', [
      ['verify', 'done', '2026-10-01T00:00:00Z', '2026-10-01T06:00:00Z', null],
      ['number', 'active', '2026-10-01T00:00:00Z', null, '2026-10-05T00:00:00Z'],
      ['sign', 'waiting', '2026-10-01T00:00:00Z', null, null],
    ]);
    // Before the period: neither its sending nor its step counts.
    await letter('DISKOMINFO', '2026-08-15T03:00:00Z', [
      ['verify', 'done', '2026-08-14T00:00:00Z', '2026-08-14T10:00:00Z', null],
    ]);
    // Another OPD's: only a superadmin's figures include it. Verify 1 h.
    await letter('DISDIK', '2026-09-12T03:00:00Z', [
      ['verify', 'done', '2026-09-12T00:00:00Z', '2026-09-12T01:00:00Z', null],
    ]);
    // Dispositions: 12 h on time, 72 h one day late, one open past due, one open not yet due, one recalled.
    await incoming('DISKOMINFO', '2026-09-05T01:00:00Z', [
      ['done', '2026-09-05T02:00:00Z', '2026-09-05T14:00:00Z', '2026-09-06T00:00:00Z'],
      ['done', '2026-09-05T03:00:00Z', '2026-09-08T03:00:00Z', '2026-09-07T03:00:00Z'],
      ['read', '2026-09-06T00:00:00Z', null, '2026-10-01T00:00:00Z'],
      ['unread', '2026-09-06T00:00:00Z', null, '2030-01-01T00:00:00Z'],
      ['recalled', '2026-09-06T00:00:00Z', null, '2026-09-07T00:00:00Z'],
    ]);
    await incoming('DISKOMINFO', '2026-10-20T02:00:00Z');
    await incoming('DISDIK', '2026-10-02T02:00:00Z');
    server = createTestApp(t.config, t.db).listen(0);
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  const stats = (user: string, input: { from?: string; to?: string; opd?: number } = PERIOD, now = NOW) =>
    computeStatistics(t.db, actors[user], input, now);

  it('counts an admin_opd’s own OPD per month, with WIB month boundaries', async () => {
    const s = await stats('admin.diskominfo');
    expect(s).toMatchObject({ from: '2026-09-01', to: '2026-10-31', opdId: opd.DISKOMINFO });
    expect(s.months).toEqual([
      { month: '2026-09', label: 'Sep 2026', sent: 1, received: 1, dispositions: 4 },
      { month: '2026-10', label: 'Okt 2026', sent: 1, received: 1, dispositions: 0 },
    ]);
    expect(s.byOpd).toEqual([
      {
        opdId: opd.DISKOMINFO,
        opdName: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
        month: '2026-09',
        sent: 1,
        received: 1,
        dispositions: 4,
      },
      {
        opdId: opd.DISKOMINFO,
        opdName: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
        month: '2026-10',
        sent: 1,
        received: 1,
        dispositions: 0,
      },
    ]);
  });

  it('averages the hours per step kind and counts the overdue ones', async () => {
    const s = await stats('admin.diskominfo');
    expect(s.steps).toEqual([
      // (2 + 24 + 6) / 3 = 10.666…; the first was acted on an hour after its due time.
      { kind: 'verify', label: 'Verifikasi', finished: 3, averageHours: 10.67, overdue: 1 },
      // One done in 4 h; one still open past its due time.
      { kind: 'number', label: 'Penomoran', finished: 1, averageHours: 4, overdue: 1 },
      { kind: 'sign', label: 'Tanda tangan', finished: 1, averageHours: 10, overdue: 0 },
      // (12 + 72) / 2 = 42; late: the 72 h one and the open one past due. The recalled one is not counted.
      { kind: 'disposition', label: 'Disposisi', finished: 2, averageHours: 42, overdue: 2 },
    ]);
    expect(s.totals).toEqual({ sent: 2, received: 2, dispositions: 4, overdue: 4 });
  });

  it('does not count an open step as overdue before its due time', async () => {
    const before = await stats('admin.diskominfo', PERIOD, at('2026-10-02T00:00:00Z'));
    // On 2 October the open numbering (due 5 October) is not late yet; the open disposition (due
    // 1 October) already is.
    expect(before.steps.map((x) => x.overdue)).toEqual([1, 0, 0, 2]);
  });

  it('gives a superadmin every OPD, or the one asked for', async () => {
    const all = await stats('superadmin');
    expect(all.opdId).toBeNull();
    expect(all.months.map((m) => [m.sent, m.received, m.dispositions])).toEqual([
      [2, 1, 4],
      [1, 2, 0],
    ]);
    // (2 + 24 + 6 + 1) / 4 = 8.25
    expect(all.steps[0]).toMatchObject({ kind: 'verify', finished: 4, averageHours: 8.25 });
    expect(all.byOpd.map((r) => [r.month, r.opdId])).toEqual([
      // By month, then by OPD name: Dinas Komunikasi… before Dinas Pendidikan.
      ['2026-09', opd.DISKOMINFO],
      ['2026-09', opd.DISDIK],
      ['2026-10', opd.DISKOMINFO],
      ['2026-10', opd.DISDIK],
    ]);
    const disdik = await stats('superadmin', { ...PERIOD, opd: opd.DISDIK });
    expect(disdik.totals).toEqual({ sent: 1, received: 1, dispositions: 0, overdue: 0 });
    expect(disdik.steps[0]).toMatchObject({ finished: 1, averageHours: 1 });
  });

  it('covers the last six months by default, empty months included', async () => {
    const s = await stats('admin.diskominfo', {});
    expect(s.from).toBe('2026-06-01');
    expect(s.to).toBe('2026-11-01');
    expect(s.months.map((m) => m.label)).toEqual([
      'Jun 2026',
      'Jul 2026',
      'Agu 2026',
      'Sep 2026',
      'Okt 2026',
      'Nov 2026',
    ]);
    expect(s.months.map((m) => m.sent)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('refuses another OPD to an admin_opd', async () => {
    await expect(stats('admin.diskominfo', { ...PERIOD, opd: opd.DISDIK })).rejects.toMatchObject({
      status: 403,
    });
  });

  describe('a step finished late, recorded by the workflow’s own activity', () => {
    // Only Date is faked, so recordProgress stamps acted_at at a known time; the drivers keep real timers.
    const clockAt = (iso: string) => jest.setSystemTime(at(iso));
    let letterId: number;
    let dinkes: Record<string, Actor>;

    beforeAll(async () => {
      dinkes = {};
      for (const u of ['staf1', 'verifikator1', 'verifikator2', 'kepala', 'admin'])
        dinkes[u] = await actorOf(`${u}.dinkes`);
      [letterId] = await t.db('letters').insert({
        opd_id: opd.DINKES,
        drafter_id: dinkes.staf1.id,
        kind: 'surat-dinas',
        subject: 'Surat uji tenggat',
        sifat: 'biasa',
        urgency: 'biasa',
        classification: '000',
        status: 'draft',
        created_at: at('2026-12-01T00:00:00Z'),
        updated_at: at('2026-12-01T00:00:00Z'),
      });
      const state = (status: LetterState['status'], step: LetterState['currentStep']): LetterState => ({
        letterId,
        status,
        drafterId: dinkes.staf1.id,
        opdId: opd.DINKES,
        versionNo: 1,
        verifierIds: [dinkes.verifikator1.id, dinkes.verifikator2.id],
        signerId: dinkes.kepala.id,
        resumeAt: 0,
        currentStep: step,
        number: null,
        date: null,
        documentCode: null,
      });
      const step = (kind: 'verify' | 'number', index: number, startedAt: string, dueAt: string) => ({
        kind,
        index,
        assigneeId: kind === 'verify' ? [dinkes.verifikator1.id, dinkes.verifikator2.id][index] : null,
        startedAt,
        dueAt,
      });
      const progress = (actor: Actor, action: string, s: LetterState) =>
        recordProgress(t.db, { letterId, actorId: actor.id, action, state: s });
      useFakeClock(at('2026-12-01T01:00:00Z'));
      try {
        // Submitted at 01:00; the first verifier is due at 03:00 and approves at 05:00: 4 h, late.
        await progress(
          dinkes.staf1,
          'letter.submit',
          state('verifying', step('verify', 0, '2026-12-01T01:00:00Z', '2026-12-01T03:00:00Z')),
        );
        clockAt('2026-12-01T05:00:00Z');
        // The second is due the next day and approves at 09:00: 8 h, on time.
        await progress(
          dinkes.verifikator1,
          'letter.approve',
          state('verifying', step('verify', 1, '2026-12-01T05:00:00Z', '2026-12-02T05:00:00Z')),
        );
        clockAt('2026-12-01T09:00:00Z');
        await progress(
          dinkes.verifikator2,
          'letter.approve',
          state('numbering', step('number', 0, '2026-12-01T09:00:00Z', '2026-12-04T09:00:00Z')),
        );
      } finally {
        jest.useRealTimers();
      }
    });

    it('keeps the due time of a finished step', async () => {
      const rows = await t.db('letter_steps').where({ letter_id: letterId }).orderBy('seq');
      expect(
        rows.map((r) => [
          r.kind,
          r.status,
          toDate(r.due_at)?.toISOString() ?? null,
          toDate(r.acted_at)?.toISOString() ?? null,
        ]),
      ).toEqual([
        ['verify', 'done', '2026-12-01T03:00:00.000Z', '2026-12-01T05:00:00.000Z'],
        ['verify', 'done', '2026-12-02T05:00:00.000Z', '2026-12-01T09:00:00.000Z'],
        ['number', 'active', '2026-12-04T09:00:00.000Z', null],
        ['sign', 'waiting', null, null],
      ]);
    });

    it('counts the late step as overdue and the on-time one not', async () => {
      const s = await computeStatistics(
        t.db,
        dinkes.admin,
        { from: '2026-12-01', to: '2026-12-31' },
        at('2026-12-02T00:00:00Z'),
      );
      expect(s.steps.slice(0, 2)).toEqual([
        // (4 + 8) / 2 = 6; only the first was acted on after its due time.
        { kind: 'verify', label: 'Verifikasi', finished: 2, averageHours: 6, overdue: 1 },
        // Open and not yet due on 2 December.
        { kind: 'number', label: 'Penomoran', finished: 0, averageHours: null, overdue: 0 },
      ]);
      expect(s.totals.overdue).toBe(1);
    });

    it('treats only open steps as overdue in task lists and counters', async () => {
      const later = at('2026-12-10T00:00:00Z');
      // The verifiers' steps are done: past their due time, yet neither a task nor overdue.
      expect(await countTasks(t.db, dinkes.verifikator1, later)).toMatchObject({ verify: 0, overdue: 0 });
      // The numbering is open past its due time: the bagian umum's one overdue task.
      expect(await countTasks(t.db, dinkes.admin, later)).toMatchObject({ number: 1, overdue: 1 });
      const tasks = await listTasks(t.db, dinkes.admin, 'number', { page: 1, pageSize: 10 }, later);
      expect(tasks.items.map((i) => [i.letterId, i.overdue])).toEqual([[letterId, true]]);
    });
  });

  describe('through the API and the pages', () => {
    const tokens: Record<string, string> = {};
    const api = (user: string, query: string) =>
      request(server)
        .get(`/api/v1/archive/statistics${query}`)
        .set('Authorization', `Bearer ${tokens[user]}`);

    beforeAll(async () => {
      Object.assign(
        tokens,
        await bearerTokens(server, ['admin.diskominfo', 'staf1.diskominfo', 'superadmin']),
      );
    });

    it('answers GET /api/v1/archive/statistics for admins only, validated', async () => {
      const res = await api('admin.diskominfo', '?from=2026-09-01&to=2026-10-31');
      expect(res.status).toBe(200);
      // Open items far in the past or future: the figures are the same whatever the clock says today.
      expect(res.body).toEqual(
        JSON.parse(JSON.stringify(await stats('admin.diskominfo', PERIOD, new Date()))),
      );
      expect(res.body.totals).toEqual({ sent: 2, received: 2, dispositions: 4, overdue: 4 });
      expect(
        (await api('superadmin', `?from=2026-09-01&to=2026-10-31&opd=${opd.DISDIK}`)).body.totals.sent,
      ).toBe(1);
      expect((await api('admin.diskominfo', `?opd=${opd.DISDIK}`)).status).toBe(403);
      expect((await api('staf1.diskominfo', '')).status).toBe(403);
      expect((await api('admin.diskominfo', '?from=2026-10-31&to=2026-09-01')).status).toBe(400);
      expect((await api('admin.diskominfo', '?from=kemarin')).status).toBe(400);
      expect((await request(server).get('/api/v1/archive/statistics')).status).toBe(401);
    });

    it('renders the statistics page with chart data and tables, and the dashboard card for admins', async () => {
      const admin = (await formLogin(server, 'admin.diskominfo')).cookie!;
      const page = await request(server)
        .get('/arsip/statistik?from=2026-09-01&to=2026-10-31')
        .set('Cookie', admin);
      expect(page.status).toBe(200);
      const json = /<script type="application\/json" id="archive-stats">([^<]*)<\/script>/.exec(
        page.text,
      )![1];
      expect(JSON.parse(json)).toEqual({
        months: ['Sep 2026', 'Okt 2026'],
        sent: [1, 1],
        received: [1, 1],
        dispositions: [4, 0],
        steps: ['Verifikasi', 'Penomoran', 'Tanda tangan', 'Disposisi'],
        hours: [10.67, 4, 10, 42],
      });
      expect(page.text).toContain('data-testid="statistics-steps"');
      expect(page.text).toContain('/static/vendor/chart.js/chart.umd.min.js');
      expect(page.text).toContain('/static/js/archive-charts.js');
      const dashboard = await request(server).get('/').set('Cookie', admin);
      expect(dashboard.text).toContain('data-testid="dashboard-statistics"');

      const staff = (await formLogin(server, 'staf1.diskominfo')).cookie!;
      expect((await request(server).get('/arsip/statistik').set('Cookie', staff)).status).toBe(403);
      const staffDashboard = await request(server).get('/').set('Cookie', staff);
      expect(staffDashboard.status).toBe(200);
      expect(staffDashboard.text).not.toContain('dashboard-statistics');
      expect(staffDashboard.text).not.toContain('chart.umd.min.js');
      const script = await request(server).get('/static/vendor/chart.js/chart.umd.min.js');
      expect(script.status).toBe(200);
    });
  });
});

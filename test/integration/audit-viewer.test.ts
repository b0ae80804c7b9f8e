import type { Server } from 'node:http';
import request from 'supertest';
import { appendAudit } from '../../lib/audit/append-audit';
import { createLetter } from '../../lib/letters/create-letter';
import { createIncomingRow, disposeForTest, registerForTest } from '../support/incoming';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { bearerTokens } from '../support/bearer-tokens';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';
import { useFakeClock } from '../support/fake-clock';

/**
 * The audit viewer's query rules on both databases, through the real app: each filter narrows to
 * exactly the rows an independent query expects, pages do not overlap, an admin_opd sees only their
 * OPD (another OPD's letter is a 404, another OPD a 403), a plain ASN is refused on every audit route.
 */

jest.setTimeout(120_000);

const SUPER = 'superadmin';
const ADMIN = 'admin.diskominfo';
const STAFF = 'staf1.diskominfo';
const OTHER_STAFF = 'staf1.disdik';
const LAST_WEEK = new Date(Date.now() - 7 * 86_400_000);
const wibDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe.each(DATABASE_KINDS)('audit viewer on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  const token: Record<string, string> = {};
  let opd: Record<string, number>;
  let users: Record<string, number>;
  let ours: number;
  let theirs: number;
  let incoming: number;
  let otherIncoming: number;
  let dispositionIds: number[];

  const get = (user: string, path: string) =>
    request(server).get(path).set('Authorization', `Bearer ${token[user]}`).set('Accept', 'application/json');
  const audit = async (user: string, query: string) => {
    const res = await get(user, `/api/v1/audit?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: { id: number; actor: { id: number } | null; opd: { id: number } | null; action: string }[];
      total: number;
    };
  };
  const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);
  const idsWhere = async (where: (q: ReturnType<TestDatabase['db']>) => unknown) => {
    const q = t.db('audit_log').orderBy('id', 'desc');
    where(q);
    return (await q.pluck('id')).map(Number);
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    users = await userIds(t.db, [SUPER, ADMIN, STAFF, OTHER_STAFF, 'sekretaris.diskominfo']);
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(token, await bearerTokens(server, [SUPER, ADMIN, STAFF]));
    // A week ago: one letter of DISDIK, so the date filter has something to tell apart.
    useFakeClock(LAST_WEEK);
    theirs = (
      await createLetter(t.db, {
        drafterId: users[OTHER_STAFF],
        content: sampleContent(opd, { recipientOpdIds: [opd.DISKOMINFO], ccOpdIds: [] }),
      })
    ).letterId;
    jest.useRealTimers();
    ours = (await createLetter(t.db, { drafterId: users[STAFF], content: sampleContent(opd) })).letterId;
    await t.db('letters').where({ id: ours }).update({ number: '000.1.2/7/DISKOMINFO/2026' });
    // The numbering register names the letter only in its data.
    await t.db.transaction((trx) =>
      appendAudit(trx, {
        actorId: users[ADMIN],
        opdId: opd.DISKOMINFO,
        action: 'number.register',
        entityType: 'opd',
        entityId: opd.DISKOMINFO,
        data: { letterId: ours, number: '000.1.2/7/DISKOMINFO/2026', sequence: 7 },
      }),
    );
    incoming = await createIncomingRow(t.db, { opdId: opd.DISKOMINFO });
    await registerForTest(t.db, incoming, users[ADMIN]);
    dispositionIds = await disposeForTest(t.db, {
      incomingId: incoming,
      fromUserId: users[ADMIN],
      toUserIds: [users['sekretaris.diskominfo']],
    });
    otherIncoming = await createIncomingRow(t.db, { opdId: opd.DISDIK });
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('shows a superadmin every row, newest first', async () => {
    const body = await audit(SUPER, '');
    expect(ids(body)).toEqual(await idsWhere(() => undefined));
    expect(body.total).toBe(body.items.length);
    expect(body.items.length).toBeGreaterThan(8);
  });

  it('filters by person: id, part of the name, NIP', async () => {
    const admin = await t.db('users').where({ id: users[ADMIN] }).first('name', 'nip');
    const expected = await idsWhere((q) => q.where('actor_id', users[ADMIN]));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(ids(await audit(SUPER, `actor=${users[ADMIN]}`))).toEqual(expected);
    expect(ids(await audit(SUPER, `actor=${encodeURIComponent(admin.nip)}`))).toEqual(expected);
    const byName = await audit(SUPER, `actor=${encodeURIComponent(admin.name.split(' ')[0])}`);
    expect(ids(byName)).toEqual(expect.arrayContaining(expected));
    expect(byName.items.every((i) => i.actor !== null)).toBe(true);
  });

  it('filters by outgoing letter id or number, including the rows that name it', async () => {
    const byId = await audit(SUPER, `letter=${ours}`);
    expect(byId.items.map((i) => i.action).sort()).toEqual(['letter.create', 'number.register']);
    const byNumber = await audit(SUPER, `letter=${encodeURIComponent('000.1.2/7/DISKOMINFO/2026')}`);
    expect(ids(byNumber)).toEqual(ids(byId));
    expect((await get(SUPER, '/api/v1/audit?letter=999999')).status).toBe(404);
  });

  it('filters by incoming letter, with its dispositions', async () => {
    const body = await audit(SUPER, `incoming=${incoming}`);
    const expected = await idsWhere((q) =>
      q.where((w) =>
        w
          .where({ entity_type: 'incoming_letter', entity_id: String(incoming) })
          .orWhere((d) =>
            d.where('entity_type', 'disposition').whereIn('entity_id', dispositionIds.map(String)),
          ),
      ),
    );
    expect(ids(body)).toEqual(expected);
    expect(body.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['incoming.register', 'disposition.create']),
    );
  });

  it('filters by OPD, action and WIB date range', async () => {
    const disdik = await audit(SUPER, `opd=${opd.DISDIK}`);
    expect(ids(disdik)).toEqual(await idsWhere((q) => q.where('opd_id', opd.DISDIK)));
    expect(disdik.items.every((i) => i.opd?.id === opd.DISDIK)).toBe(true);
    const creates = await audit(SUPER, 'action=letter.create');
    expect(creates.items).toHaveLength(2);
    const lastWeek = await audit(SUPER, `from=${wibDay(LAST_WEEK)}&to=${wibDay(LAST_WEEK)}`);
    expect(lastWeek.items.map((i) => i.action)).toEqual(['letter.create']);
    const today = wibDay(new Date());
    const recent = await audit(SUPER, `from=${today}&to=${today}`);
    expect(recent.total).toBe((await audit(SUPER, '')).total - 1);
    expect((await get(SUPER, '/api/v1/audit?from=2026-13-45')).status).toBe(400);
    expect((await get(SUPER, `/api/v1/audit?from=${today}&to=2020-01-01`)).status).toBe(400);
  });

  it('pages without overlap', async () => {
    const all = ids(await audit(SUPER, ''));
    const first = await get(SUPER, '/api/v1/audit?pageSize=3&page=1');
    const second = await get(SUPER, '/api/v1/audit?pageSize=3&page=2');
    expect(first.body.total).toBe(all.length);
    expect([...ids(first.body), ...ids(second.body)]).toEqual(all.slice(0, 6));
    expect((await get(SUPER, '/api/v1/audit?page=0')).status).toBe(400);
  });

  it('keeps an admin_opd to the rows of their own OPD', async () => {
    const body = await audit(ADMIN, '');
    expect(ids(body)).toEqual(await idsWhere((q) => q.where('opd_id', opd.DISKOMINFO)));
    expect(body.items.every((i) => i.opd?.id === opd.DISKOMINFO)).toBe(true);
    expect(ids(await audit(ADMIN, `letter=${ours}`))).toEqual(ids(await audit(SUPER, `letter=${ours}`)));
    expect((await get(ADMIN, `/api/v1/audit?letter=${theirs}`)).status).toBe(404);
    expect((await get(ADMIN, `/api/v1/audit?incoming=${otherIncoming}`)).status).toBe(404);
    expect((await get(ADMIN, `/api/v1/audit?opd=${opd.DISDIK}`)).status).toBe(403);
    expect((await get(ADMIN, `/api/v1/audit?opd=${opd.DISKOMINFO}`)).status).toBe(200);
    expect(
      (await request(server).post('/api/v1/audit/verify').set('Authorization', `Bearer ${token[ADMIN]}`))
        .status,
    ).toBe(403);
    const page = await get(ADMIN, '/admin/audit').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Periksa keutuhan rantai');
  });

  it('refuses a plain ASN on every audit route', async () => {
    for (const path of [
      '/api/v1/audit',
      '/admin/audit',
      `/api/v1/workflows/letter-${ours}/history`,
      `/admin/alur/letter-${ours}`,
    ]) {
      expect((await get(STAFF, path)).status).toBe(403);
    }
    for (const path of ['/api/v1/audit/verify', '/admin/audit/periksa']) {
      expect((await request(server).post(path).set('Authorization', `Bearer ${token[STAFF]}`)).status).toBe(
        403,
      );
    }
    expect((await request(server).get('/api/v1/audit')).status).toBe(401);
  });

  it('renders the page in Indonesian with links to the records and the data as key/value', async () => {
    const page = await get(SUPER, `/admin/audit?letter=${ours}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Konsep surat dibuat');
    expect(page.text).toContain('Nomor dicatat di register');
    expect(page.text).toContain(`href="/surat/${ours}"`);
    expect(page.text).toContain(`href="/admin/alur/letter-${ours}"`);
    expect(page.text).toMatch(/<dt[^>]*>subject<\/dt><dd[^>]*>Permintaan Data Kepegawaian<\/dd>/);
    expect(page.text).toContain('Periksa keutuhan rantai');
    expect(page.text).toContain('2 baris');
    const dispositions = await get(SUPER, `/admin/audit?incoming=${incoming}&action=disposition.create`).set(
      'Accept',
      'text/html',
    );
    expect(dispositions.text).toContain(`href="/surat-masuk/${incoming}"`);
    expect(dispositions.text).toContain('Disposisi dibuat');
  });
});

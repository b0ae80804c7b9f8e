import type { Server } from 'node:http';
import request from 'supertest';
import { createLetter } from '../../lib/letters/create-letter';
import { applyStaffSync } from '../../lib/staff-sync/apply-staff-sync';
import { validateStaffRows } from '../../lib/staff-sync/validate-staff-rows';
import type { StaffRow } from '../../lib/staff-sync/staff-sync-types';
import { setUserRoles } from '../../lib/users/set-user-roles';
import { deactivateUser } from '../../lib/users/deactivate-user';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Users administration through the real app on both databases: search, filters and pages checked
 * against the database; an admin_opd's limits (another OPD's people are 404, admin roles 403, nothing
 * changes); the last superadmin; creating local accounts; SMART-owned fields; deactivation (login and
 * token refused, letters kept) and the SMART sync leaving an admin's deactivation alone; a plain ASN
 * refused on every route and no login answered 401.
 */

jest.setTimeout(120_000);

const SUPER = 'superadmin';
const ADMIN = 'admin.diskominfo';
const STAFF = 'staf1.diskominfo';
const STAFF2 = 'staf2.diskominfo';
const OTHER = 'staf1.disdik';

type Row = { id: number };

describe.each(DATABASE_KINDS)('users administration API on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  let users: Record<string, number>;
  const token: Record<string, string> = {};

  const login = (username: string, password = DEMO_PASSWORD) =>
    request(server).post('/api/v1/auth/token').send({ username, password });
  const call = (user: string, method: 'get' | 'post' | 'patch' | 'put', path: string, body?: object) => {
    const r = request(server)[method](path).set('Authorization', `Bearer ${token[user]}`);
    return body ? r.send(body) : r;
  };
  const rolesOf = async (id: number) =>
    (await t.db('user_roles').where({ user_id: id }).pluck('role')).map(String).sort();
  const userRow = (id: number) => t.db('users').where({ id }).first();
  const auditCount = async (action: string) =>
    Number((await t.db('audit_log').where({ action }).count({ n: '*' }))[0].n);
  /** Every id in name order, as an independent query of the expected rows. */
  const expectedIds = async (where: (q: ReturnType<TestDatabase['db']>) => unknown) => {
    const q = t.db('users').orderBy([{ column: 'name' }, { column: 'id' }]);
    where(q);
    return (await q.pluck('id')).map(Number);
  };
  const list = async (user: string, query: string) => {
    const res = await call(user, 'get', `/api/v1/admin/users?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: (Row & { opd: { id: number } })[]; total: number };
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    users = await userIds(t.db, [SUPER, ADMIN, STAFF, STAFF2, OTHER, 'staf3.disdik', 'admin.disdik']);
    server = createTestApp(t.config, t.db).listen(0);
    for (const u of [SUPER, ADMIN, STAFF, STAFF2, 'admin.disdik']) token[u] = (await login(u)).body.token;
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('searches name, NIP, username and position, and filters by OPD, role, status and source', async () => {
    const all = await list(SUPER, '');
    expect(all.items.map((i) => i.id)).toEqual(await expectedIds(() => undefined));

    const like = (s: string) => `%${s}%`;
    const byQ = async (q: string) =>
      expectedIds((b) =>
        b.where((w) =>
          w
            .where('name', 'like', like(q))
            .orWhere('nip', 'like', like(q))
            .orWhere('username', 'like', like(q))
            .orWhere('position', 'like', like(q)),
        ),
      );
    const kepala = await byQ('Kepala');
    expect(kepala.length).toBeGreaterThan(6);
    expect((await list(SUPER, 'q=Kepala')).items.map((i) => i.id)).toEqual(kepala);
    expect((await list(SUPER, 'q=staf2.')).items.map((i) => i.id)).toEqual(await byQ('staf2.'));
    const nip = (await userRow(users[OTHER])).nip as string;
    expect((await list(SUPER, `q=${nip}`)).items.map((i) => i.id)).toEqual([users[OTHER]]);
    // LIKE wildcards typed by the user are plain characters.
    expect((await list(SUPER, 'q=%25')).total).toBe(0);

    const verifiersDisdik = await expectedIds((q) =>
      q
        .where('opd_id', opd.DISDIK)
        .whereIn('id', t.db('user_roles').where('role', 'verifikator').select('user_id')),
    );
    expect(verifiersDisdik).toHaveLength(2);
    expect((await list(SUPER, `opd=${opd.DISDIK}&role=verifikator`)).items.map((i) => i.id)).toEqual(
      verifiersDisdik,
    );

    await t.db('users').whereIn('id', [users['staf3.disdik'], users[OTHER]]).update({ source: 'smart' });
    await t.db('users').where({ id: users['staf3.disdik'] }).update({ active: false });
    expect((await list(SUPER, 'source=smart')).items.map((i) => i.id).sort()).toEqual(
      [users[OTHER], users['staf3.disdik']].sort(),
    );
    expect((await list(SUPER, 'status=nonaktif')).items.map((i) => i.id)).toEqual([users['staf3.disdik']]);
    expect((await list(SUPER, 'status=aktif&source=smart')).items.map((i) => i.id)).toEqual([users[OTHER]]);
    await t.db('users').where({ id: users['staf3.disdik'] }).update({ active: true });

    expect((await call(SUPER, 'get', '/api/v1/admin/users?status=mati')).status).toBe(400);
    expect((await call(SUPER, 'get', '/api/v1/admin/users?role=raja')).status).toBe(400);
  });

  it('pages through the results without overlap', async () => {
    const expected = await expectedIds(() => undefined);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / 10); page++) {
      const res = await call(SUPER, 'get', `/api/v1/admin/users?pageSize=10&page=${page}`);
      expect(res.body.total).toBe(expected.length);
      expect(res.body.items.length).toBeLessThanOrEqual(10);
      seen.push(...res.body.items.map((i: Row) => i.id));
    }
    expect(seen).toEqual(expected);
  });

  it('keeps an admin_opd to their own OPD: others are 404 and nothing changes', async () => {
    const own = await list(ADMIN, '');
    expect(own.items.map((i) => i.id)).toEqual(await expectedIds((q) => q.where('opd_id', opd.DISKOMINFO)));
    expect((await call(ADMIN, 'get', `/api/v1/admin/users?opd=${opd.DISDIK}`)).status).toBe(403);

    const before = await userRow(users[OTHER]);
    const other = `/api/v1/admin/users/${users[OTHER]}`;
    const attempts = [
      await call(ADMIN, 'get', other),
      await call(ADMIN, 'patch', other, { email: 'x@contoh.go.id' }),
      await call(ADMIN, 'put', `${other}/roles`, { roles: ['asn', 'verifikator'] }),
      await call(ADMIN, 'post', `${other}/reset-password`),
      await call(ADMIN, 'post', `${other}/deactivate`),
      await call(ADMIN, 'get', '/api/v1/admin/users/999999'),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(attempts[0].body.error.message).toBe(attempts[5].body.error.message);
    expect(await userRow(users[OTHER])).toEqual(before);
    expect(await rolesOf(users[OTHER])).toEqual(['asn']);
  });

  it('lets an admin_opd grant only verifikator, penandatangan and asn', async () => {
    const path = `/api/v1/admin/users/${users[STAFF]}/roles`;
    for (const roles of [
      ['asn', 'admin_opd'],
      ['asn', 'superadmin'],
    ]) {
      const res = await call(ADMIN, 'put', path, { roles });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/hanya dapat memberi atau mencabut peran/);
    }
    expect((await call(ADMIN, 'put', path, { roles: ['asn', 'raja'] })).status).toBe(400);
    expect((await call(ADMIN, 'put', path, { roles: [] })).status).toBe(400);
    expect(await rolesOf(users[STAFF])).toEqual(['asn']);

    const ok = await call(ADMIN, 'put', path, { roles: ['asn', 'verifikator', 'penandatangan'] });
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['asn', 'penandatangan', 'verifikator']);
    expect(await rolesOf(users[STAFF])).toEqual(['asn', 'penandatangan', 'verifikator']);
    const audit = await t.db('audit_log').where({ action: 'user.roles' }).orderBy('id', 'desc').first();
    expect(JSON.parse(audit.data)).toEqual({
      before: ['asn'],
      after: ['asn', 'penandatangan', 'verifikator'],
    });
    expect(Number(audit.actor_id)).toBe(users[ADMIN]);
    await call(ADMIN, 'put', path, { roles: ['asn'] });

    // The superadmin account sits in DISKOMINFO too: the admin_opd may see it but not touch it.
    const sup = `/api/v1/admin/users/${users[SUPER]}`;
    expect((await call(ADMIN, 'get', sup)).status).toBe(200);
    expect((await call(ADMIN, 'post', `${sup}/reset-password`)).status).toBe(403);
    expect((await call(ADMIN, 'post', `${sup}/deactivate`)).status).toBe(403);
    expect((await userRow(users[SUPER])).active).toBeTruthy();
  });

  it('never leaves the system without an active superadmin', async () => {
    const self = `/api/v1/admin/users/${users[SUPER]}`;
    const demote = await call(SUPER, 'put', `${self}/roles`, { roles: ['asn'] });
    expect(demote.status).toBe(409);
    expect((await call(SUPER, 'post', `${self}/deactivate`)).status).toBe(409);
    expect(await rolesOf(users[SUPER])).toEqual(['asn', 'superadmin']);

    // Only a race could let another superadmin act on the last one; the rule itself still holds.
    const ghost = { id: users['admin.disdik'], opdId: opd.DISDIK, roles: ['superadmin' as const] };
    await expect(setUserRoles(t.db, ghost, users[SUPER], ['asn'])).rejects.toMatchObject({ status: 409 });
    await expect(deactivateUser(t.db, ghost, users[SUPER])).rejects.toMatchObject({ status: 409 });
    expect(await rolesOf(users[SUPER])).toEqual(['asn', 'superadmin']);

    // With a second superadmin, the first may be demoted, and is restored by the second.
    const second = `/api/v1/admin/users/${users['admin.disdik']}/roles`;
    expect((await call(SUPER, 'put', second, { roles: ['admin_opd', 'asn', 'superadmin'] })).status).toBe(
      200,
    );
    token['admin.disdik'] = (await login('admin.disdik')).body.token;
    expect((await call('admin.disdik', 'put', `${self}/roles`, { roles: ['asn'] })).status).toBe(200);
    expect(
      (await call('admin.disdik', 'put', `${self}/roles`, { roles: ['asn', 'superadmin'] })).status,
    ).toBe(200);
    expect((await call(SUPER, 'put', second, { roles: ['admin_opd', 'asn'] })).status).toBe(200);
    expect(await rolesOf(users['admin.disdik'])).toEqual(['admin_opd', 'asn']);
  });

  it('creates a local account with a one-time temporary password', async () => {
    const res = await call(ADMIN, 'post', '/api/v1/admin/users', {
      username: 'Tamu.Magang',
      name: 'Tamu Magang',
      nip: '199901012024011001',
      position: 'Tenaga Magang',
      email: 'magang@contoh.go.id',
      roles: ['asn', 'verifikator'],
    });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const temporary = res.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const row = await t.db('users').where({ username: 'tamu.magang' }).first();
    expect(row).toMatchObject({ nip: '199901012024011001', opd_id: opd.DISKOMINFO, source: 'local' });
    expect(Boolean(row.must_change_password)).toBe(true);
    expect(row.password_hash).not.toContain(temporary);
    expect(await rolesOf(row.id)).toEqual(['asn', 'verifikator']);
    const audit = await t
      .db('audit_log')
      .where({ action: 'user.create', entity_id: String(row.id) })
      .first();
    expect(audit.data).not.toContain(temporary);

    const refused = [
      await call(ADMIN, 'post', '/api/v1/admin/users', { username: 'tamu.magang', name: 'Lagi' }),
      await call(ADMIN, 'post', '/api/v1/admin/users', { username: 'nip.ganda', name: 'X', nip: row.nip }),
      await call(ADMIN, 'post', '/api/v1/admin/users', { username: 'nip.pendek', name: 'X', nip: '12345' }),
      await call(ADMIN, 'post', '/api/v1/admin/users', { username: '12abc', name: 'X' }),
      await call(ADMIN, 'post', '/api/v1/admin/users', {
        username: 'lain.opd',
        name: 'X',
        opdId: opd.DISDIK,
      }),
      await call(ADMIN, 'post', '/api/v1/admin/users', {
        username: 'calon.admin',
        name: 'X',
        roles: ['admin_opd'],
      }),
      await call(SUPER, 'post', '/api/v1/admin/users', { username: 'tanpa.opd', name: 'X' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 403, 403, 400]);
    expect(refused[1].body.error.details.fields[0].field).toBe('nip');
    const names = ['nip.ganda', 'nip.pendek', '12abc', 'lain.opd', 'calon.admin', 'tanpa.opd'];
    expect(await t.db('users').whereIn('username', names).count({ n: '*' })).toEqual([{ n: 0 }]);

    const created = await call(SUPER, 'post', '/api/v1/admin/users', {
      username: 'konsultan',
      name: 'Konsultan TI',
      opdId: opd.DISDIK,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ roles: ['asn'], opd: { id: opd.DISDIK }, nip: null });

    // The temporary password opens a session that can do nothing but change it.
    const first = await login('tamu.magang', temporary);
    expect(first.status).toBe(201);
    token.magang = first.body.token;
    expect((await call('magang', 'get', '/api/v1/me')).status).toBe(200);
    const blocked = await call('magang', 'get', '/api/v1/tasks');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
  });

  it('edits local accounts fully and SMART people only by e-mail', async () => {
    const local = `/api/v1/admin/users/${users[STAFF2]}`;
    const res = await call(ADMIN, 'patch', local, { name: 'Nama Baru', unit: 'Bidang Persandian' });
    expect(res.status).toBe(200);
    expect(await userRow(users[STAFF2])).toMatchObject({ name: 'Nama Baru', unit: 'Bidang Persandian' });
    expect((await call(ADMIN, 'patch', local, { email: 'bukan-email' })).status).toBe(400);
    expect((await call(ADMIN, 'patch', local, { password: 'x' })).status).toBe(400);

    await t.db('users').where({ id: users[STAFF] }).update({ source: 'smart' });
    const smart = `/api/v1/admin/users/${users[STAFF]}`;
    const before = await userRow(users[STAFF]);
    const refused = await call(ADMIN, 'patch', smart, { name: 'Diubah', email: 'a@contoh.go.id' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/SMART/);
    expect(await userRow(users[STAFF])).toEqual(before);
    expect(
      (await call(ADMIN, 'patch', smart, { email: 'staf1@contoh.go.id', name: before.name })).status,
    ).toBe(200);
    expect((await userRow(users[STAFF])).email).toBe('staf1@contoh.go.id');
    await t.db('users').where({ id: users[STAFF] }).update({ source: 'local' });
  });

  it('deactivates: login and token refused, letters kept; reactivates', async () => {
    const opdMap = opd;
    const { letterId } = await createLetter(t.db, {
      drafterId: users[STAFF2],
      content: sampleContent(opdMap),
    });
    const path = `/api/v1/admin/users/${users[STAFF2]}`;
    expect((await call(STAFF2, 'get', '/api/v1/me')).status).toBe(200);
    expect((await call(ADMIN, 'post', `/api/v1/admin/users/${users[ADMIN]}/deactivate`)).status).toBe(409);

    const res = await call(ADMIN, 'post', `${path}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    const row = await userRow(users[STAFF2]);
    expect(Boolean(row.active)).toBe(false);
    expect(row.deactivated_by_admin_at).not.toBeNull();
    expect(await t.db('auth_sessions').where({ user_id: users[STAFF2] }).count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
    expect((await call(STAFF2, 'get', '/api/v1/me')).status).toBe(401);
    const refused = await login(STAFF2);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_credentials');
    expect(await t.db('letters').where({ id: letterId }).first('drafter_id')).toEqual({
      drafter_id: users[STAFF2],
    });
    expect(await auditCount('user.deactivate')).toBe(1);

    expect((await call(ADMIN, 'post', `${path}/activate`)).status).toBe(200);
    expect((await userRow(users[STAFF2])).deactivated_by_admin_at).toBeNull();
    expect((await login(STAFF2)).status).toBe(201);
    expect(await auditCount('user.activate')).toBe(1);
  });

  it('keeps a SMART person an admin deactivated inactive through the daily sync', async () => {
    const person = await userRow(users[OTHER]);
    const rows: StaffRow[] = [
      {
        row: 1,
        nip: person.nip,
        name: 'Nama Dari SMART',
        position: person.position,
        opdCode: 'DISDIK',
        unit: person.unit,
        superiorNip: '',
        rank: '',
        active: 'aktif',
      } as StaffRow,
    ];
    const sync = (runId: number) =>
      applyStaffSync(t.db, validateStaffRows(rows, new Map([['DISDIK', opd.DISDIK]])), {
        runId,
        actorId: null,
      });
    expect(
      (await call('admin.disdik', 'post', `/api/v1/admin/users/${users[OTHER]}/deactivate`)).status,
    ).toBe(200);

    await sync(1);
    const after = await userRow(users[OTHER]);
    expect(Boolean(after.active)).toBe(false);
    expect(after.name).toBe('Nama Dari SMART');
    const second = await sync(2);
    expect(second.unchanged).toBe(1);

    expect((await call('admin.disdik', 'post', `/api/v1/admin/users/${users[OTHER]}/activate`)).status).toBe(
      200,
    );
    await t.db('users').where({ id: users[OTHER] }).update({ active: false });
    await sync(3);
    expect(Boolean((await userRow(users[OTHER])).active)).toBe(true);
  });

  it('refuses a plain ASN on every route (403) and anyone not logged in (401)', async () => {
    const id = users[OTHER];
    const routes: ['get' | 'post' | 'patch' | 'put', string, object?][] = [
      ['get', '/api/v1/admin/users'],
      ['post', '/api/v1/admin/users', { username: 'siapa.saja', name: 'X' }],
      ['get', `/api/v1/admin/users/${id}`],
      ['patch', `/api/v1/admin/users/${id}`, { email: 'x@contoh.go.id' }],
      ['put', `/api/v1/admin/users/${id}/roles`, { roles: ['asn', 'superadmin'] }],
      ['post', `/api/v1/admin/users/${id}/reset-password`],
      ['post', `/api/v1/admin/users/${id}/deactivate`],
      ['post', `/api/v1/admin/users/${id}/activate`],
    ];
    const before = await userRow(id);
    token[STAFF2] = (await login(STAFF2)).body.token; // its earlier token ended with the deactivation
    for (const [method, path, body] of routes) {
      expect((await call(STAFF2, method, path, body)).status).toBe(403);
      const anon = request(server)[method](path);
      expect((await (body ? anon.send(body) : anon)).status).toBe(401);
    }
    expect(await userRow(id)).toEqual(before);
    expect(await t.db('users').where({ username: 'siapa.saja' }).first()).toBeUndefined();
  });
});

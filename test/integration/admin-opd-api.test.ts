import type { Server } from 'node:http';
import request from 'supertest';
import { renderLetterHtml } from '../../lib/documents/render-letter-html';
import { loadOpdLetterhead } from '../../lib/opd/load-opd-letterhead';
import { FileStore } from '../../lib/storage/file-store';
import { sampleLetter } from '../support/letter-input';
import { opdIds, userIds } from '../support/letters';
import { bearerTokens } from '../support/bearer-tokens';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * OPD administration through the API on both databases: who may see and change which OPD (the bagian
 * umum only their own, a foreign OPD is a 404, adding one is the superadmin's), validated kop data,
 * the head among the OPD's active people, deactivation, and the logo checked by content and size that
 * the letterhead, and so the letter's HTML, then carries. Every refusal leaves the data as it was.
 */

jest.setTimeout(120_000);

const SUPER = 'superadmin';
const ADMIN = 'admin.diskominfo';
const OTHER_ADMIN = 'admin.disdik';
const STAFF = 'staf1.diskominfo';
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(DATABASE_KINDS)('OPD administration API on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  let users: Record<string, number>;
  const token: Record<string, string> = {};

  const call = (user: string, method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string) => {
    const agent = request(server);
    return agent[method](path)
      .set('Authorization', `Bearer ${token[user]}`)
      .set('Accept', 'application/json');
  };
  const opdRow = (id: number) => t.db('opd').where({ id }).first();
  const auditCount = async () => Number((await t.db('audit_log').count({ n: '*' }))[0].n);
  const lastAudit = () => t.db('audit_log').orderBy('id', 'desc').first();

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    users = await userIds(t.db, [SUPER, ADMIN, OTHER_ADMIN, STAFF, 'kepala.diskominfo', 'staf1.disdik']);
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(token, await bearerTokens(server, [SUPER, ADMIN, OTHER_ADMIN, STAFF]));
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('keeps the bagian umum to their own OPD and the list and new OPDs to the superadmin', async () => {
    const own = await call(ADMIN, 'get', `/api/v1/admin/opd/${opd.DISKOMINFO}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      code: 'DISKOMINFO',
      head: { id: users['kepala.diskominfo'] },
      logo: null,
      agenda: { pattern: '{urut}/{tahun}', latest: [] },
    });
    expect(own.body.people.map((p: { id: number }) => p.id)).toContain(users[STAFF]);
    expect((await call(ADMIN, 'get', `/api/v1/admin/opd/${opd.DISDIK}`)).status).toBe(404);
    expect((await call(ADMIN, 'get', '/api/v1/admin/opd/99999')).status).toBe(404);
    expect((await call(ADMIN, 'get', '/api/v1/admin/opd/abc')).status).toBe(404);
    expect(
      (await call(ADMIN, 'patch', `/api/v1/admin/opd/${opd.DISDIK}`).send({ phone: '0760 1' })).status,
    ).toBe(404);
    expect((await call(ADMIN, 'get', '/api/v1/admin/opd')).status).toBe(403);
    const before = await auditCount();
    const create = await call(ADMIN, 'post', '/api/v1/admin/opd').send({
      code: 'DPMPTSP',
      name: 'Dinas X',
      shortName: 'DX',
    });
    expect(create.status).toBe(403);
    expect(await t.db('opd').where({ code: 'DPMPTSP' }).first()).toBeUndefined();
    expect(await auditCount()).toBe(before);
    for (const path of [`/api/v1/admin/opd/${opd.DISKOMINFO}`, '/api/v1/admin/opd']) {
      expect((await call(STAFF, 'get', path)).status).toBe(403);
    }
    expect((await request(server).get('/api/v1/admin/opd')).status).toBe(401);
  });

  it('lets the superadmin search, page and add OPDs with a unique, well-formed code', async () => {
    const all = await call(SUPER, 'get', '/api/v1/admin/opd');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(6);
    expect(all.body.items.map((o: { code: string }) => o.code)).toEqual(
      (await t.db('opd').orderBy('name').pluck('code')) as string[],
    );
    const found = await call(SUPER, 'get', '/api/v1/admin/opd?q=kesehatan');
    expect(found.body.items.map((o: { code: string }) => o.code)).toEqual(['DINKES']);
    expect((await call(SUPER, 'get', '/api/v1/admin/opd?q=%25')).body.total).toBe(0);
    expect((await call(SUPER, 'get', '/api/v1/admin/opd?page=0')).status).toBe(400);

    const before = await auditCount();
    for (const bad of [
      { code: 'dpmptsp', name: 'Dinas Penanaman Modal', shortName: 'DPMPTSP' },
      { code: 'DPM PTSP', name: 'Dinas Penanaman Modal', shortName: 'DPMPTSP' },
      { code: 'DPMPTSP', name: '', shortName: 'DPMPTSP' },
      { code: 'DPMPTSP', name: 'Dinas Penanaman Modal', shortName: 'DPMPTSP', email: 'bukan e-mail' },
    ]) {
      expect((await call(SUPER, 'post', '/api/v1/admin/opd').send(bad)).status).toBe(400);
    }
    const taken = await call(SUPER, 'post', '/api/v1/admin/opd').send({
      code: 'DISDIK',
      name: 'Dinas Lain',
      shortName: 'DL',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/DISDIK sudah dipakai/);
    expect(await t.db('opd').count({ n: '*' })).toEqual([{ n: 6 }]);
    expect(await auditCount()).toBe(before);

    const created = await call(SUPER, 'post', '/api/v1/admin/opd').send({
      code: 'DPMPTSP',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      shortName: 'DPMPTSP',
      address: 'Jl. Pahlawan No. 12, Teluk Kuantan',
      website: 'dpmptsp.kuansing.go.id',
    });
    expect(created.status).toBe(201);
    const row = await opdRow(created.body.id);
    expect(row).toMatchObject({
      code: 'DPMPTSP',
      short_name: 'DPMPTSP',
      website: 'dpmptsp.kuansing.go.id',
      phone: '',
      number_pattern: '{klasifikasi}/{urut}/{kode}/{tahun}',
      agenda_pattern: '{urut}/{tahun}',
      head_user_id: null,
    });
    expect(Boolean(row.active)).toBe(true);
    expect(await lastAudit()).toMatchObject({
      action: 'opd.create',
      opd_id: created.body.id,
      actor_id: users[SUPER],
    });
    expect((await call(SUPER, 'get', '/api/v1/admin/opd?q=DPMPTSP')).body.total).toBe(1);
  });

  it('validates kop data, leaves `active` to the superadmin and drops inactive OPDs from the choices', async () => {
    const url = `/api/v1/admin/opd/${opd.DISKOMINFO}`;
    const before = await opdRow(opd.DISKOMINFO);
    const audits = await auditCount();
    for (const bad of [
      { email: 'kominfo@' },
      { website: 'javascript:alert(1)' },
      { phone: 'telepon' },
      { code: 'X' },
      {},
    ]) {
      expect((await call(ADMIN, 'patch', url).send(bad)).status).toBe(400);
    }
    const notYours = await call(ADMIN, 'patch', url).send({ active: false });
    expect(notYours.status).toBe(403);
    expect(await opdRow(opd.DISKOMINFO)).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const ok = await call(ADMIN, 'patch', url).send({
      email: 'humas.diskominfo@kuansing.go.id',
      website: 'https://diskominfo.kuansing.go.id',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      email: 'humas.diskominfo@kuansing.go.id',
      website: 'https://diskominfo.kuansing.go.id',
    });
    expect(await opdRow(opd.DISKOMINFO)).toMatchObject({
      email: 'humas.diskominfo@kuansing.go.id',
      name: before.name,
    });
    const audit = await lastAudit();
    expect(audit.action).toBe('opd.update');
    expect(Object.keys(JSON.parse(audit.data).changes).sort()).toEqual(['email', 'website']);
    // The same values again change nothing and write no audit row.
    await call(ADMIN, 'patch', url).send({ email: 'humas.diskominfo@kuansing.go.id' });
    expect(await auditCount()).toBe(audits + 1);

    const deactivate = await call(SUPER, 'patch', `/api/v1/admin/opd/${opd.BAPPEDA}`).send({ active: false });
    expect(deactivate.status).toBe(200);
    expect(deactivate.body.active).toBe(false);
    const directory = await call(STAFF, 'get', '/api/v1/opd');
    expect(directory.body.items.map((o: { code: string }) => o.code)).not.toContain('BAPPEDA');
    expect((await call(SUPER, 'get', '/api/v1/admin/opd?q=BAPPEDA')).body.items[0].active).toBe(false);
  });

  it('names the head only among the OPD’s active people', async () => {
    const url = `/api/v1/admin/opd/${opd.DISKOMINFO}/head`;
    const audits = await auditCount();
    const foreign = await call(ADMIN, 'put', url).send({ userId: users['staf1.disdik'] });
    expect(foreign.status).toBe(400);
    await t.db('users').where({ username: 'staf2.diskominfo' }).update({ active: false });
    const inactive = (await t.db('users').where({ username: 'staf2.diskominfo' }).first('id')).id;
    expect((await call(ADMIN, 'put', url).send({ userId: inactive })).status).toBe(400);
    expect((await call(ADMIN, 'put', url).send({ userId: 'kepala' })).status).toBe(400);
    expect((await opdRow(opd.DISKOMINFO)).head_user_id).toBe(users['kepala.diskominfo']);
    expect(await auditCount()).toBe(audits);

    const ok = await call(ADMIN, 'put', url).send({ userId: users[STAFF] });
    expect(ok.status).toBe(200);
    expect(ok.body.head.id).toBe(users[STAFF]);
    expect((await opdRow(opd.DISKOMINFO)).head_user_id).toBe(users[STAFF]);
    expect(JSON.parse((await lastAudit()).data)).toEqual({
      from: users['kepala.diskominfo'],
      to: users[STAFF],
    });
    await call(ADMIN, 'put', url).send({ userId: users['kepala.diskominfo'] });
    expect((await opdRow(opd.DISKOMINFO)).head_user_id).toBe(users['kepala.diskominfo']);
  });

  it('takes a PNG or JPEG logo by content, at most 1 MB, and puts it in the letterhead', async () => {
    const url = `/api/v1/admin/opd/${opd.DISKOMINFO}/logo`;
    const files = new FileStore(t.db, t.config.filesDir);
    const audits = await auditCount();
    const pdf = await call(ADMIN, 'put', url).attach('logo', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'logo.png');
    expect(pdf.status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    expect((await call(ADMIN, 'put', url).attach('logo', big, 'logo.png')).status).toBe(413);
    expect((await call(ADMIN, 'put', url).send({})).status).toBe(400);
    expect((await call(OTHER_ADMIN, 'put', url).attach('logo', PNG, 'logo.png')).status).toBe(404);
    expect((await opdRow(opd.DISKOMINFO)).logo_file_id).toBeNull();
    expect(await auditCount()).toBe(audits);
    expect((await loadOpdLetterhead(t.db, files, opd.DISKOMINFO)).logoDataUrl).toBeUndefined();

    const ok = await call(ADMIN, 'put', url).attach('logo', PNG, 'logo-diskominfo.txt');
    expect(ok.status).toBe(200);
    const row = await opdRow(opd.DISKOMINFO);
    expect(ok.body.logo).toEqual({ fileId: row.logo_file_id, mime: 'image/png', size: PNG.length });
    expect(await t.db('files').where({ id: row.logo_file_id }).first('mime', 'size')).toEqual({
      mime: 'image/png',
      size: PNG.length,
    });
    expect(await lastAudit()).toMatchObject({ action: 'opd.logo', opd_id: opd.DISKOMINFO });

    const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`;
    const letterhead = await loadOpdLetterhead(t.db, files, opd.DISKOMINFO);
    expect(letterhead.logoDataUrl).toBe(dataUrl);
    expect(letterhead.opd.email).toBe('humas.diskominfo@kuansing.go.id');
    const html = renderLetterHtml(
      sampleLetter('surat-dinas', 'https://eoffice.kuansing.go.id/verifikasi/ABC', letterhead),
    );
    // Handlebars escapes '=' in attributes; the browser reads the entity back as '='.
    const inHtml = dataUrl.replace(/=/g, '&#x3D;');
    expect(html).toContain(`<img class="kop-logo" src="${inHtml}"`);
    // Another OPD's kop keeps the emblem.
    expect((await loadOpdLetterhead(t.db, files, opd.DISDIK)).logoDataUrl).toBeUndefined();

    const removed = await call(ADMIN, 'delete', url);
    expect(removed.status).toBe(200);
    expect(removed.body.logo).toBeNull();
    expect((await opdRow(opd.DISKOMINFO)).logo_file_id).toBeNull();
    expect(JSON.parse((await lastAudit()).data)).toMatchObject({
      removed: true,
      previousFileId: row.logo_file_id,
    });
    const plain = await loadOpdLetterhead(t.db, files, opd.DISKOMINFO);
    expect(plain.logoDataUrl).toBeUndefined();
    expect(
      renderLetterHtml(sampleLetter('surat-dinas', 'https://eoffice.kuansing.go.id/verifikasi/ABC', plain)),
    ).not.toContain(inHtml);
  });
});

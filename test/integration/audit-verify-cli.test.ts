import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { appendAudit } from '../../lib/audit/append-audit';
import { projectRoot } from '../../lib/paths';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The audit chain check, three ways — `POST /api/v1/audit/verify`, the "Periksa keutuhan rantai" button
 * and the built `eoffice audit verify` run against the test database — on an untouched chain, after a
 * row's data was edited in the database, and after a row was deleted. Needs `npm run build` first.
 */

jest.setTimeout(120_000);

const CLI = path.join(projectRoot, 'dist', 'bin', 'eoffice.js');

describe.each(DATABASE_KINDS)('audit chain verification on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let token: string;
  let rows: number;

  const api = () =>
    request(server)
      .post('/api/v1/audit/verify')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept', 'application/json');
  const page = () =>
    request(server)
      .post('/admin/audit/periksa')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept', 'text/html');
  const cli = () =>
    spawnSync(process.execPath, [CLI, 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    if (!fs.existsSync(CLI)) throw new Error('dist/bin/eoffice.js is missing: run `npm run build` first');
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    for (let i = 1; i <= 4; i++) {
      await t.db.transaction((trx) =>
        appendAudit(trx, {
          actorId: null,
          action: 'letter.edit',
          entityType: 'letter',
          entityId: i,
          data: { versionNo: i },
        }),
      );
    }
    server = createTestApp(t.config, t.db).listen(0);
    token = (
      await request(server)
        .post('/api/v1/auth/token')
        .send({ username: 'superadmin', password: DEMO_PASSWORD })
    ).body.token;
    rows = Number((await t.db('audit_log').max({ id: 'id' }))[0].id);
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('reports an untouched chain as whole', async () => {
    const res = await api();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      checked: rows,
      message: `Rantai audit utuh: ${rows} baris diperiksa.`,
    });
    expect((await page()).text).toContain(`Rantai audit utuh (${rows} baris).`);
    const run = cli();
    expect(run.stdout.trim()).toBe(`Rantai audit utuh: ${rows} baris diperiksa.`);
    expect(run.status).toBe(0);
  });

  it('names a row whose data was edited in the database', async () => {
    const target = rows - 2;
    const original = await t.db('audit_log').where({ id: target }).first('data');
    await t.db('audit_log').where({ id: target }).update({ data: '{"versionNo":99}' });
    try {
      const res = await api();
      expect(res.body).toMatchObject({
        ok: false,
        badId: target,
        reason: 'isi baris diubah',
        row: { id: target, action: 'letter.edit' },
      });
      expect(res.body.message).toContain(`baris #${target}`);
      const html = (await page()).text;
      expect(html).toContain(`Rantai audit rusak pada baris #${target}`);
      expect(html).toContain('isi baris diubah');
      const run = cli();
      expect(run.stdout).toContain(`Rantai audit rusak pada baris #${target}`);
      expect(run.stdout).toContain('letter.edit');
      expect(run.stdout).toContain('isi baris diubah');
      expect(run.stdout).toContain('WIB');
      expect(run.status).toBe(1);
    } finally {
      await t.db('audit_log').where({ id: target }).update({ data: original.data });
    }
    expect(cli().status).toBe(0);
  });

  it('names a row that was deleted, and the row before the gap', async () => {
    const target = rows - 1;
    await t.db('audit_log').where({ id: target }).delete();
    const res = await api();
    expect(res.body).toMatchObject({
      ok: false,
      badId: target,
      reason: 'baris hilang',
      row: { id: target - 1 },
    });
    expect((await page()).text).toContain(`Rantai audit rusak pada baris #${target}: baris hilang`);
    const run = cli();
    expect(run.stdout).toContain(
      `Rantai audit rusak pada baris #${target}: baris hilang (sesudah baris #${target - 1}`,
    );
    expect(run.status).toBe(1);
  });
});

/**
 * The staff sync core against a real database (SQLite and MariaDB) and a real local HTTP server serving
 * the committed SMART export (400 rows, 15 broken): the first run's exact report, idempotence, a changed
 * export (moved, gone, new), roles and local accounts left alone, a wrong token, and CSV/XLSX = JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../../lib/audit/verify-audit-chain';
import { authenticateUser } from '../../lib/auth/authenticate-user';
import { hashPassword } from '../../lib/auth/password';
import type { Config } from '../../lib/config';
import { createLetter } from '../../lib/letters/create-letter';
import { createStaffSyncRun } from '../../lib/staff-sync/create-staff-sync-run';
import { runStaffSync } from '../../lib/staff-sync/run-staff-sync';
import type { StaffSyncReport } from '../../lib/staff-sync/staff-sync-types';
import { storeStaffExport } from '../../lib/staff-sync/store-staff-export';
import { FileStore } from '../../lib/storage/file-store';
import type { SmartRow } from '../fixtures/smart/generate-smart-export';
import { addClassification, opdIds, sampleContent } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import {
  SMART_FIXTURES,
  SMART_TOKEN,
  smartFixtureRows,
  startSmartServer,
  type SmartServer,
} from '../support/smart-server';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

async function seededDatabase(kind: (typeof DATABASE_KINDS)[number], env: Record<string, string> = {}) {
  const t = await createTestDatabase(kind, { env });
  await seedTestDatabase(t);
  return t;
}

async function syncFromSmart(t: TestDatabase, config: Config = t.config): Promise<StaffSyncReport> {
  const runId = await createStaffSyncRun(t.db, { source: 'smart', triggeredBy: null });
  return runStaffSync({ db: t.db, files: new FileStore(t.db, t.config.filesDir), config }, runId);
}

async function syncFromFile(t: TestDatabase, name: string): Promise<StaffSyncReport> {
  const files = new FileStore(t.db, t.config.filesDir);
  const bytes = fs.readFileSync(path.join(SMART_FIXTURES, name));
  const { fileId, source } = await storeStaffExport(files, { bytes, originalName: name, uploadedBy: null });
  const runId = await createStaffSyncRun(t.db, { source, fileId, triggeredBy: null });
  return runStaffSync({ db: t.db, files, config: t.config }, runId);
}

/** Every account as the sync sees it, the superior by NIP (ids differ between databases). */
async function accounts(t: TestDatabase) {
  const rows = await t
    .db('users as u')
    .leftJoin('users as s', 's.id', 'u.superior_id')
    .leftJoin('opd as o', 'o.id', 'u.opd_id')
    .orderBy('u.nip')
    .select(
      'u.nip',
      'u.name',
      'u.position',
      'u.unit',
      'o.code as opd',
      's.nip as superior',
      'u.rank',
      'u.active',
      'u.source',
    );
  return rows.map((r) => ({ ...r, active: Boolean(r.active) }));
}

const rolesOf = async (t: TestDatabase, nip: string) =>
  (
    await t
      .db('user_roles')
      .join('users', 'users.id', 'user_roles.user_id')
      .where('users.nip', nip)
      .pluck('role')
  ).sort();
const auditCount = async (t: TestDatabase, action: string) =>
  Number((await t.db('audit_log').where({ action }).count({ n: '*' }))[0].n);

const rows = smartFixtureRows();
const rowOf = (predicate: (r: SmartRow) => boolean) => rows.findIndex(predicate) + 1;
const demoNips = ['verifikator1.diskominfo', 'staf1.diskominfo'];

describe.each(DATABASE_KINDS)('staff sync on %s', (kind) => {
  let smart: SmartServer;
  let t: TestDatabase;
  let first: StaffSyncReport;
  let localBefore: Awaited<ReturnType<typeof accounts>>;
  let adopted: string[];

  beforeAll(async () => {
    smart = await startSmartServer();
    t = await seededDatabase(kind, { SMART_URL: smart.url, SMART_TOKEN });
    adopted = await t.db('users').whereIn('username', demoNips).pluck('nip');
    localBefore = (await accounts(t)).filter((a) => !adopted.includes(a.nip));
    first = await syncFromSmart(t);
  });
  afterAll(async () => {
    await t?.drop();
    await smart?.close();
  });

  test('the first run creates the people, adopts the two demo accounts listed and rejects 15 rows with reasons', async () => {
    expect(smart.requests.at(-1)?.authorization).toBe(`Bearer ${SMART_TOKEN}`);
    expect(first).toMatchObject({
      total: 400,
      created: 383,
      updated: 2,
      unchanged: 0,
      deactivated: 0,
      rejected: 15,
    });
    const reasons = first.rejections.map((r) => r.reason.replace(/ \(.*$/, ''));
    expect(reasons.filter((r) => r === 'NIP tidak valid')).toHaveLength(6);
    expect(reasons.filter((r) => r === 'NIP ganda dalam berkas')).toHaveLength(4);
    expect(reasons.filter((r) => r === 'OPD tidak dikenal')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'Nama kosong')).toHaveLength(2);
    expect(first.rejections).toContainEqual({
      row: rowOf((r) => r.kode_opd === 'DISHUB'),
      nip: rows.find((r) => r.kode_opd === 'DISHUB')!.nip,
      reason: 'OPD tidak dikenal (DISHUB)',
    });
    expect(first.rejections).toContainEqual({
      row: rowOf((r) => r.nip === '19850312201001100'),
      nip: '19850312201001100',
      reason: 'NIP tidak valid (harus 18 angka)',
    });

    // A staff member listed before their superior still gets the superior, by NIP.
    const sample = rows.find(
      (r) => r.nip_atasan && rowOf((s) => s.nip === r.nip_atasan) > rowOf((s) => s.nip === r.nip) && r.aktif,
    )!;
    const [person] = (await accounts(t)).filter((a) => a.nip === sample.nip);
    expect(person).toEqual({
      nip: sample.nip,
      name: sample.nama,
      position: sample.jabatan,
      unit: sample.unit_kerja,
      opd: sample.kode_opd,
      superior: sample.nip_atasan,
      rank: sample.golongan,
      active: true,
      source: 'smart',
    });
    expect(await rolesOf(t, sample.nip)).toEqual(['asn']);
    // New people sign in only after a password reset.
    await expect(
      authenticateUser(
        { db: t.db, auth: t.config.auth, delay: async () => {} },
        { username: sample.nip, password: '', kind: 'browser' },
      ),
    ).rejects.toThrow();
    expect(await t.db('users').where({ source: 'smart', active: false }).count({ n: '*' })).toEqual([
      { n: 3 },
    ]);

    // The demo accounts listed in SMART are now SMART's, their e-Office roles as they were.
    const verifikator = await t.db('users').where({ username: 'verifikator1.diskominfo' }).first('nip');
    expect(await rolesOf(t, verifikator.nip)).toEqual(['asn', 'verifikator']);
    expect((await accounts(t)).filter((a) => adopted.includes(a.nip)).map((a) => a.source)).toEqual([
      'smart',
      'smart',
    ]);
    // Every other local account (superadmin, the other demo people) is exactly as before.
    expect((await accounts(t)).filter((a) => a.source === 'local')).toEqual(localBefore);

    expect(await auditCount(t, 'staff.created')).toBe(383);
    expect(await auditCount(t, 'staff.updated')).toBe(2);
    expect(await auditCount(t, 'staff_sync.finished')).toBe(1);
    const run = await t.db('staff_sync_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({ status: 'finished', created: 383, rejected: 15, total: 400, processed: 400 });
    expect(JSON.parse(run.rejections)).toEqual(first.rejections);
  });

  test('the same export again changes nothing', async () => {
    const before = await accounts(t);
    const audits = await t.db('audit_log').count({ n: '*' });
    const again = await syncFromSmart(t);
    expect(again).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: 385, rejected: 15 });
    expect(await accounts(t)).toEqual(before);
    // Only the run's own audit row was added.
    expect(Number((await t.db('audit_log').count({ n: '*' }))[0].n)).toBe(Number(audits[0].n) + 1);
  });

  test('a changed export moves, deactivates and creates; roles, letters and history stay', async () => {
    const opd = await opdIds(t.db);
    const staff = rows.filter(
      (r) =>
        r.aktif &&
        r.jabatan.startsWith('Pengadministrasi') &&
        r.kode_opd === 'BAPPEDA' &&
        !rows.some((s) => s.nip_atasan === r.nip),
    );
    const [mover, leaver, promoted] = staff;
    const leaverUser = await t.db('users').where({ nip: leaver.nip }).first();
    // The leaver had a letter and could sign in (after a reset); the promoted one got a role in e-Office.
    await addClassification(t.db);
    const { letterId } = await createLetter(t.db, { drafterId: leaverUser.id, content: sampleContent(opd) });
    await t
      .db('users')
      .where({ id: leaverUser.id })
      .update({ password_hash: await hashPassword('Sandi-Baru#2026', 1024) });
    const login = () =>
      authenticateUser(
        { db: t.db, auth: t.config.auth, delay: async () => {} },
        { username: leaver.nip, password: 'Sandi-Baru#2026', kind: 'browser' },
      );
    await expect(login()).resolves.toBeDefined();
    const promotedId = (await t.db('users').where({ nip: promoted.nip }).first()).id;
    await t.db('user_roles').insert({ user_id: promotedId, role: 'verifikator' });
    const leaverAudits = await t
      .db('audit_log')
      .where({ entity_type: 'user', entity_id: String(leaverUser.id) });

    const newcomer: SmartRow = {
      ...mover,
      nip: '199801012023021001',
      nama: 'Rani Oktaviani, S.Kom.',
      nip_atasan: mover.nip_atasan,
    };
    smart.serve([
      ...rows
        .filter((r) => r !== leaver)
        .map((r) =>
          r === mover ? { ...r, kode_opd: 'DINKES', unit_kerja: 'Bidang Pelayanan Kesehatan' } : r,
        ),
      newcomer,
    ]);
    const changed = await syncFromSmart(t);
    expect(changed).toMatchObject({
      total: 400,
      created: 1,
      updated: 1,
      deactivated: 1,
      unchanged: 383,
      rejected: 15,
    });

    const byNip = Object.fromEntries((await accounts(t)).map((a) => [a.nip, a]));
    expect(byNip[mover.nip]).toMatchObject({
      opd: 'DINKES',
      unit: 'Bidang Pelayanan Kesehatan',
      active: true,
    });
    expect(byNip[newcomer.nip]).toMatchObject({
      name: 'Rani Oktaviani, S.Kom.',
      opd: 'BAPPEDA',
      superior: mover.nip_atasan,
    });
    expect(byNip[leaver.nip]).toMatchObject({ active: false, source: 'smart' });
    await expect(login()).rejects.toThrow();
    expect(await t.db('letters').where({ id: letterId }).first()).toMatchObject({
      drafter_id: leaverUser.id,
    });
    expect(
      (
        await t.db('audit_log').whereIn(
          'id',
          leaverAudits.map((a) => a.id),
        )
      ).length,
    ).toBe(leaverAudits.length);
    expect(await rolesOf(t, promoted.nip)).toEqual(['asn', 'verifikator']);
    expect(
      await t.db('audit_log').where({ action: 'staff.deactivated', entity_id: String(leaverUser.id) }),
    ).toHaveLength(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  test('a wrong token fails with a clear message and changes nothing', async () => {
    const before = await accounts(t);
    const audits = await t.db('audit_log').count({ n: '*' });
    await expect(
      syncFromSmart(t, { ...t.config, smart: { ...t.config.smart, token: 'salah' } }),
    ).rejects.toThrow('SMART menolak akses (HTTP 401): periksa SMART_TOKEN.');
    expect(await accounts(t)).toEqual(before);
    expect(await t.db('audit_log').count({ n: '*' })).toEqual(audits);
  });

  test('the CSV and XLSX exports give the same report and accounts as the JSON', async () => {
    const results = [];
    for (const file of ['staff.csv', 'staff.xlsx']) {
      const other = await seededDatabase(kind);
      try {
        results.push({ report: await syncFromFile(other, file), accounts: await accounts(other) });
      } finally {
        await other.drop();
      }
    }
    const fromJson = await seededDatabase(kind, { SMART_URL: smart.url, SMART_TOKEN });
    try {
      smart.serve(rows);
      const report = await syncFromSmart(fromJson);
      const expected = { report, accounts: await accounts(fromJson) };
      expect(results[0]).toEqual(expected);
      expect(results[1]).toEqual(expected);
    } finally {
      await fromJson.drop();
    }
  });
});

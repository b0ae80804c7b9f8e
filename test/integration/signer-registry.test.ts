import type { Server } from 'node:http';
import request from 'supertest';
import { notifyExpiringCertificates } from '../../lib/certificates/notify-expiring-certificates';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { issueCertificate } from '../../lib/pki/issue-certificate';
import { revokeCertificate } from '../../lib/pki/revoke-certificate';
import { csrfIn, formLogin } from '../support/form-login';
import { TEST_PASSPHRASE, setupTestCa, userIdOf, type TestPki } from '../support/pki';
import { bearerTokens } from '../support/bearer-tokens';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The signer registry, renewal, the signer choice and the expiry warnings on both databases, through
 * the real app and real certificates: one valid for two years, one for ten days, one already expired,
 * one revoked, and heads without any.
 */

jest.setTimeout(120_000);

const DAY = 86_400_000;
const HEADS = ['diskominfo', 'disdik', 'dinkes', 'bappeda', 'bpkad', 'setda'].map((o) => `kepala.${o}`);

describe.each(DATABASE_KINDS)('signer registry on %s', (kind) => {
  let t: TestDatabase;
  let ca: TestPki;
  let server: Server;
  const token: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const certOf: Record<string, number> = {};

  const api = (user: string) => ({
    get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${token[user]}`),
    post: (path: string, body: object) =>
      request(server).post(path).set('Authorization', `Bearer ${token[user]}`).send(body),
  });
  const issue = async (username: string, validityDays?: number) => {
    const pki = validityDays === undefined ? ca.pki : { ...ca.pki, certValidityDays: validityDays };
    const issued = await issueCertificate(
      { ...ca.deps, pki },
      { userId: ids[username], passphrase: TEST_PASSPHRASE, actorId: null },
    );
    certOf[username] = issued.certificateId;
    return issued;
  };
  const registry = async (user: string, query = '') => {
    const res = await api(user).get(`/api/v1/admin/signers?pageSize=100&${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: {
        user: { id: number; name: string; nip: string };
        opd: { code: string };
        certificate: { id: number; serial: string; daysLeft: number | null } | null;
        status: string;
      }[];
      total: number;
      expiringSoon: number;
    };
  };
  const statusByUser = (body: Awaited<ReturnType<typeof registry>>) =>
    Object.fromEntries(body.items.map((i) => [i.user.id, i.status]));
  const count = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    ca = await setupTestCa(t);
    for (const u of [...HEADS, 'superadmin', 'admin.diskominfo', 'staf1.diskominfo']) {
      ids[u] = await userIdOf(t.db, u);
    }
    await issue('kepala.diskominfo');
    await issue('kepala.disdik', 10);
    await issue('kepala.dinkes', 0);
    await issue('kepala.bappeda');
    await revokeCertificate(
      { db: t.db, pki: ca.pki },
      { certificateId: certOf['kepala.bappeda'], reason: 'key_compromise', actorId: null },
    );
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(
      token,
      await bearerTokens(server, ['superadmin', 'admin.diskominfo', 'staf1.diskominfo', 'kepala.diskominfo']),
    );
  });
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('lists every signing official with the status of their current certificate', async () => {
    const body = await registry('superadmin');
    expect(body.items.map((i) => i.user.id).sort()).toEqual(HEADS.map((u) => ids[u]).sort());
    expect(statusByUser(body)).toEqual({
      [ids['kepala.diskominfo']]: 'active',
      [ids['kepala.disdik']]: 'expiring',
      [ids['kepala.dinkes']]: 'expired',
      [ids['kepala.bappeda']]: 'revoked',
      [ids['kepala.bpkad']]: 'none',
      [ids['kepala.setda']]: 'none',
    });
    expect(body.expiringSoon).toBe(1);
    const disdik = body.items.find((i) => i.user.id === ids['kepala.disdik'])!;
    const row = await t.db('certificates').where({ id: certOf['kepala.disdik'] }).first('serial');
    expect(disdik.certificate).toMatchObject({
      id: certOf['kepala.disdik'],
      serial: row.serial,
      daysLeft: 10,
    });
    expect(body.items.find((i) => i.user.id === ids['kepala.bpkad'])!.certificate).toBeNull();

    // A certificate keeps its holder in the registry after the signing role is gone.
    await t.db('user_roles').where({ user_id: ids['kepala.dinkes'], role: 'penandatangan' }).delete();
    expect(statusByUser(await registry('superadmin'))[ids['kepala.dinkes']]).toBe('expired');
    await t.db('user_roles').insert({ user_id: ids['kepala.dinkes'], role: 'penandatangan' });
  });

  it('filters by status, OPD and text, and pages without overlap', async () => {
    const expiring = await registry('superadmin', 'status=expiring');
    expect(expiring.items.map((i) => i.user.id)).toEqual([ids['kepala.disdik']]);
    expect(expiring.expiringSoon).toBe(1);
    const opd = await t.db('opd').where({ code: 'DINKES' }).first('id');
    const dinkes = await registry('superadmin', `opd=${opd.id}`);
    expect(dinkes.items.map((i) => i.user.id)).toEqual([ids['kepala.dinkes']]);
    const nip = (await t.db('users').where({ id: ids['kepala.bpkad'] }).first('nip')).nip;
    expect((await registry('superadmin', `q=${nip}`)).items.map((i) => i.user.id)).toEqual([
      ids['kepala.bpkad'],
    ]);
    const first = (await api('superadmin').get('/api/v1/admin/signers?pageSize=4&page=1')).body;
    const second = (await api('superadmin').get('/api/v1/admin/signers?pageSize=4&page=2')).body;
    expect(first.total).toBe(6);
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    const seen = [...first.items, ...second.items].map((i: { user: { id: number } }) => i.user.id);
    expect(new Set(seen).size).toBe(6);
    const bad = await api('superadmin').get('/api/v1/admin/signers?status=unknown');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('shows an admin_opd only their own OPD, and refuses a plain ASN', async () => {
    const own = await registry('admin.diskominfo');
    expect(own.items.map((i) => i.user.id)).toEqual([ids['kepala.diskominfo']]);
    expect(own.items.every((i) => i.opd.code === 'DISKOMINFO')).toBe(true);
    const disdik = await t.db('opd').where({ code: 'DISDIK' }).first('id');
    expect((await api('admin.diskominfo').get(`/api/v1/admin/signers?opd=${disdik.id}`)).status).toBe(403);
    expect((await api('staf1.diskominfo').get('/api/v1/admin/signers')).status).toBe(403);

    const { cookie } = await formLogin(server, 'admin.diskominfo');
    const page = await request(server).get('/admin/penandatangan').set('Cookie', cookie!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-user-id="${ids['kepala.diskominfo']}"`);
    expect(page.text).not.toContain(`data-user-id="${ids['kepala.disdik']}"`);
    expect(page.text).not.toContain('Perpanjang…');
    expect(page.text).not.toContain('Cabut…');
    const staff = await formLogin(server, 'staf1.diskominfo');
    expect((await request(server).get('/admin/penandatangan').set('Cookie', staff.cookie!)).status).toBe(403);
  });

  it('lets the superadmin see the banner and enrol an official through the form', async () => {
    const { cookie } = await formLogin(server, 'superadmin');
    const page = await request(server).get('/admin/penandatangan').set('Cookie', cookie!);
    expect(page.text).toMatch(/data-testid="expiring-banner"[\s\S]*?data-count="1"/);
    expect(page.text).toContain(`/admin/penandatangan/${ids['kepala.bpkad']}/terbitkan`);
    expect(page.text).toContain(`/sertifikat/${certOf['kepala.diskominfo']}/perpanjang`);
    expect(page.text).toContain(`/sertifikat/${certOf['kepala.diskominfo']}/cabut`);

    const path = `/admin/penandatangan/${ids['kepala.bpkad']}/terbitkan`;
    const form = await request(server).get(path).set('Cookie', cookie!);
    const csrf = csrfIn(form.text)!;
    const before = await count('certificates');
    const mismatch = await request(server)
      .post(path)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf, passphrase: 'Rahasia#Bpkad01', confirmation: 'Rahasia#Bpkad02' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Konfirmasi passphrase tidak sama.');
    expect(await count('certificates')).toBe(before);

    const ok = await request(server)
      .post(path)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf, passphrase: 'Rahasia#Bpkad01', confirmation: 'Rahasia#Bpkad01' });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/admin/penandatangan?info=terbit');
    const cert = await t.db('certificates').where({ user_id: ids['kepala.bpkad'] }).first('id', 'status');
    expect(cert.status).toBe('active');
    const audit = await t
      .db('audit_log')
      .where({ action: 'certificate.issue', entity_id: String(cert.id) })
      .first('actor_id', 'data');
    expect(Number(audit.actor_id)).toBe(ids.superadmin);
    expect(audit.data).not.toContain('Rahasia#Bpkad01');
    // Staff without the signing role cannot be enrolled.
    const refused = await api('superadmin').post('/api/v1/certificates', {
      userId: ids['staf1.diskominfo'],
      passphrase: 'Rahasia#Staf001',
    });
    expect(refused.status).toBe(400);
  });

  it('warns the holder on the dashboard while the certificate ends within 30 days', async () => {
    const holder = await formLogin(server, 'kepala.disdik');
    const home = await request(server).get('/').set('Cookie', holder.cookie!);
    expect(home.text).toMatch(/data-testid="certificate-expiry"[\s\S]*?<strong>10 hari<\/strong>/);
    const other = await formLogin(server, 'kepala.diskominfo');
    expect((await request(server).get('/').set('Cookie', other.cookie!)).text).not.toContain(
      'certificate-expiry',
    );
  });

  it('sends each expiry warning once per threshold, to the holder and the superadmins', async () => {
    const mail = mailSettingsOf(t.config, () => undefined);
    const holder = ids['kepala.disdik'];
    const noticesFor = async (userId: number) =>
      t
        .db('notifications')
        .where({ user_id: userId, kind: 'certificate_expiry' })
        .orderBy('id')
        .pluck('title');
    const now = new Date();
    expect(await notifyExpiringCertificates(t.db, mail, now)).toBe(1);
    expect(await notifyExpiringCertificates(t.db, mail, now)).toBe(0);
    expect(await noticesFor(holder)).toEqual(['Sertifikat elektronik Anda berakhir dalam 10 hari']);
    const superTitles = await noticesFor(ids.superadmin);
    expect(superTitles).toHaveLength(1);
    expect(superTitles[0]).toMatch(/berakhir dalam 10 hari$/);
    expect(
      await t.db('notifications').where({ user_id: holder, kind: 'certificate_expiry' }).first('link'),
    ).toEqual({ link: '/sertifikat' });

    // Four days on it enters the last week: one more notice, then nothing again.
    const later = new Date(now.getTime() + 4 * DAY);
    expect(await notifyExpiringCertificates(t.db, mail, later)).toBe(1);
    expect(await notifyExpiringCertificates(t.db, mail, later)).toBe(0);
    expect(await noticesFor(holder)).toEqual([
      'Sertifikat elektronik Anda berakhir dalam 10 hari',
      'Sertifikat elektronik Anda berakhir dalam 6 hari',
    ]);
    expect(await noticesFor(ids.superadmin)).toHaveLength(2);
    const recorded = await t
      .db('certificate_expiry_notices')
      .orderBy('threshold_days', 'desc')
      .select('certificate_id', 'threshold_days');
    expect(recorded.map((r) => [Number(r.certificate_id), Number(r.threshold_days)])).toEqual([
      [certOf['kepala.disdik'], 30],
      [certOf['kepala.disdik'], 7],
    ]);
    expect(await t.db('audit_log').where({ action: 'certificate.expiry_notice' }).pluck('entity_id')).toEqual(
      [String(certOf['kepala.disdik']), String(certOf['kepala.disdik'])],
    );
  });

  it('renews through the API: a wrong or weak passphrase changes nothing, the right one supersedes', async () => {
    const oldId = certOf['kepala.diskominfo'];
    const path = `/api/v1/certificates/${oldId}/renew`;
    const before = await count('certificates');

    const wrong = await api('kepala.diskominfo').post(path, { passphrase: 'Salah-Passphrase#1' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('wrong_passphrase');
    const weak = await api('kepala.diskominfo').post(path, {
      passphrase: TEST_PASSPHRASE,
      newPassphrase: 'pendek',
    });
    expect(weak.status).toBe(400);
    expect(await count('certificates')).toBe(before);
    expect((await t.db('certificates').where({ id: oldId }).first('status')).status).toBe('active');
    // Another official may not renew it.
    expect((await api('admin.diskominfo').post(path, { passphrase: TEST_PASSPHRASE })).status).toBe(403);

    const ok = await api('kepala.diskominfo').post(path, {
      passphrase: TEST_PASSPHRASE,
      newPassphrase: 'Passphrase-Baru#2027',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.supersededIds).toEqual([oldId]);
    const rows = await t.db('certificates').where({ user_id: ids['kepala.diskominfo'] }).orderBy('id');
    expect(rows.map((r) => [Number(r.id), r.status, r.revocation_reason])).toEqual([
      [oldId, 'revoked', 'superseded'],
      [ok.body.certificateId, 'active', null],
    ]);
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'certificate' })
      .whereIn('entity_id', [String(oldId), String(ok.body.certificateId)])
      .whereIn('action', ['certificate.issue', 'certificate.revoke'])
      .orderBy('id')
      .select('action', 'entity_id', 'actor_id');
    expect(audit.slice(-2).map((a) => [a.action, a.entity_id, Number(a.actor_id)])).toEqual([
      ['certificate.revoke', String(oldId), ids['kepala.diskominfo']],
      ['certificate.issue', String(ok.body.certificateId), ids['kepala.diskominfo']],
    ]);
    const unlockFailures = await t
      .db('audit_log')
      .where({ action: 'certificate.unlock_failed' })
      .count({ n: '*' });
    expect(Number(unlockFailures[0].n)).toBe(1);

    const signers = (await api('staf1.diskominfo').get('/api/v1/signers')).body.items;
    const mine = signers.filter((s: { id: number }) => s.id === ids['kepala.diskominfo']);
    expect(mine).toHaveLength(1);
    expect(mine[0].certificate.id).toBe(ok.body.certificateId);
    // The superseded one cannot be renewed again.
    expect((await api('kepala.diskominfo').post(path, { passphrase: 'Passphrase-Baru#2027' })).status).toBe(
      409,
    );
  });

  it('renews through the holder’s form on /sertifikat', async () => {
    const { cookie } = await formLogin(server, 'kepala.disdik');
    const page = await request(server).get('/sertifikat').set('Cookie', cookie!);
    const oldId = certOf['kepala.disdik'];
    expect(page.text).toContain('data-testid="expiry-warning"');
    expect(page.text).toContain(`action="/sertifikat/${oldId}/perpanjang"`);
    const csrf = csrfIn(page.text)!;
    const wrong = await request(server)
      .post(`/sertifikat/${oldId}/perpanjang`)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf, passphrase: 'Bukan-Passphrase#1' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Passphrase sertifikat salah.');
    expect((await t.db('certificates').where({ id: oldId }).first('status')).status).toBe('active');

    const ok = await request(server)
      .post(`/sertifikat/${oldId}/perpanjang`)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf, passphrase: TEST_PASSPHRASE });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/sertifikat?info=diperpanjang');
    const rows = await t.db('certificates').where({ user_id: ids['kepala.disdik'] }).orderBy('id');
    expect(rows.map((r) => [r.status, r.revocation_reason])).toEqual([
      ['revoked', 'superseded'],
      ['active', null],
    ]);
    const after = await request(server).get('/sertifikat?info=diperpanjang').set('Cookie', cookie!);
    expect(after.text).toContain('Sertifikat telah diperpanjang');
    expect(after.text).not.toContain('data-testid="expiry-warning"');
    expect(statusByUser(await registry('superadmin'))[ids['kepala.disdik']]).toBe('active');
  });

  it('offers as signers only active officials with the role and a valid certificate', async () => {
    // The superadmin sees every OPD's signers; staff see their own OPD's.
    const signerIds = async () =>
      ((await api('superadmin').get('/api/v1/signers')).body.items as { id: number }[])
        .map((s) => s.id)
        .sort();
    // Expired (dinkes), revoked (bappeda) and none (setda) are out.
    expect(await signerIds()).toEqual(
      [ids['kepala.diskominfo'], ids['kepala.disdik'], ids['kepala.bpkad']].sort(),
    );
    await t.db('user_roles').where({ user_id: ids['kepala.bpkad'], role: 'penandatangan' }).delete();
    expect(await signerIds()).toEqual([ids['kepala.diskominfo'], ids['kepala.disdik']].sort());
    await t.db('users').where({ id: ids['kepala.disdik'] }).update({ active: false });
    expect(await signerIds()).toEqual([ids['kepala.diskominfo']]);
    await t.db('users').where({ id: ids['kepala.disdik'] }).update({ active: true });
    await t.db('user_roles').insert({ user_id: ids['kepala.bpkad'], role: 'penandatangan' });
  });
});

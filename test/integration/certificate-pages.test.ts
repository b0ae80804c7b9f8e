import request from 'supertest';
import type { Server } from 'node:http';
import { setupTestCa } from '../support/pki';
import { csrfIn, formLogin } from '../support/form-login';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The "Sertifikat" pages: an official enrols with a confirmed passphrase; a superadmin revokes after confirming. */
describe('certificate pages', () => {
  let t: TestDatabase;
  let server: Server;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite', { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    await setupTestCa(t);
    server = createTestApp(t.config, t.db).listen(0);
  });
  afterAll(async () => {
    server.close();
    await t.drop();
  });

  async function session(username: string) {
    const { cookie } = await formLogin(server, username);
    const home = await request(server).get('/sertifikat').set('Cookie', cookie!);
    return { cookie: cookie!, csrf: csrfIn(home.text) ?? '', home };
  }

  it('lets a head of OPD enrol after confirming the passphrase', async () => {
    const s = await session('kepala.bappeda');
    expect(s.home.text).toContain('Belum ada sertifikat elektronik.');
    const mismatch = await request(server)
      .post('/sertifikat')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, passphrase: 'Rahasia#Bappeda1', confirmation: 'Rahasia#Bappeda2' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Konfirmasi passphrase tidak sama.');
    expect(await t.db('certificates')).toHaveLength(0);

    const ok = await request(server)
      .post('/sertifikat')
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, passphrase: 'Rahasia#Bappeda1', confirmation: 'Rahasia#Bappeda1' });
    expect(ok.status).toBe(302);
    const page = await request(server).get('/sertifikat?info=terbit').set('Cookie', s.cookie);
    expect(page.text).toContain('Sertifikat elektronik Anda telah terbit.');
    expect(page.text).toContain('Aktif');
    expect(page.text).toContain('Perbarui sertifikat');
  });

  it('keeps staff without the signing role away from the pages', async () => {
    const s = await session('staf1.bappeda');
    expect(s.home.status).toBe(403);
    expect(s.home.text).toContain('Anda tidak berwenang');
  });

  it('asks the superadmin to confirm, with a reason, before revoking', async () => {
    const s = await session('superadmin');
    const cert = await t.db('certificates').first('id', 'serial');
    expect(s.home.text).toContain(`/sertifikat/${cert.id}/cabut`);
    const confirm = await request(server).get(`/sertifikat/${cert.id}/cabut`).set('Cookie', s.cookie);
    expect(confirm.text).toContain('tidak dapat dibatalkan');
    const csrf = csrfIn(confirm.text)!;

    const noReason = await request(server)
      .post(`/sertifikat/${cert.id}/cabut`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: csrf, reason: '' });
    expect(noReason.status).toBe(400);
    expect((await t.db('certificates').where({ id: cert.id }).first()).status).toBe('active');

    const done = await request(server)
      .post(`/sertifikat/${cert.id}/cabut`)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: csrf, reason: 'Pejabat pindah tugas' });
    expect(done.headers.location).toBe('/sertifikat?info=dicabut');
    expect((await t.db('certificates').where({ id: cert.id }).first()).status).toBe('revoked');
    expect(await t.db('audit_log').where({ action: 'certificate.revoke' })).toHaveLength(1);
  });
});

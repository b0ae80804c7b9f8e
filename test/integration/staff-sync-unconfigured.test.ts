/**
 * The staff sync where SMART is not configured and Temporal cannot be reached: the page says why the
 * SMART button is off, the API refuses a SMART sync with 409, an export without rows is refused before
 * anything is stored, and an upload Temporal did not take is recorded as a failed run (503).
 */
import type { Server } from 'node:http';
import request from 'supertest';
import { formLogin } from '../support/form-login';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let server: Server;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase('sqlite');
  await seedTestDatabase(t);
  server = createTestApp(t.config, t.db).listen(0);
  const res = await request(server)
    .post('/api/v1/auth/token')
    .send({ username: 'superadmin', password: DEMO_PASSWORD });
  token = res.body.token;
});
afterAll(async () => {
  server?.close();
  await t?.drop();
});

const upload = (csv: string) =>
  request(server)
    .post('/api/v1/staff-sync/upload')
    .set('Authorization', `Bearer ${token}`)
    .attach('file', Buffer.from(csv), 'pegawai.csv');

test('the page explains the disabled SMART button and the empty history', async () => {
  const { cookie } = await formLogin(server, 'superadmin');
  const page = await request(server).get('/admin/smart').set('Cookie', cookie!);
  expect(page.status).toBe(200);
  expect(page.text).toMatch(
    /<button type="submit" class="btn btn-primary align-self-start" disabled aria-describedby="smart-hint">Sinkronkan dari SMART<\/button>/,
  );
  expect(page.text).toContain('Alamat SMART belum diatur (SMART_URL).');
  expect(page.text).toContain('Belum pernah ada sinkronisasi.');
});

test('a SMART sync is refused with 409 and creates no run', async () => {
  const res = await request(server).post('/api/v1/staff-sync').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(409);
  expect(res.body.error.message).toBe('Alamat SMART (SMART_URL) belum diatur; unggah berkas ekspor.');
  expect(await t.db('staff_sync_runs').count({ n: '*' })).toEqual([{ n: 0 }]);
});

test('an export with a header but no rows is refused with 400 and nothing is stored', async () => {
  const res = await upload('nip,nama,jabatan,kode_opd\n');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe('Berkas ekspor tidak berisi baris data pegawai.');
  expect(await t.db('files').count({ n: '*' })).toEqual([{ n: 0 }]);
});

test('an upload Temporal did not take is answered 503 and its run is recorded as failed', async () => {
  const res = await upload('nip,nama,jabatan,kode_opd\n198503122010011001,Rina Marlina,Analis,DISKOMINFO\n');
  expect(res.status).toBe(503);
  const runs = await request(server).get('/api/v1/staff-sync/runs').set('Authorization', `Bearer ${token}`);
  expect(runs.body).toMatchObject({
    total: 1,
    items: [
      {
        source: 'csv',
        status: 'failed',
        message: 'Mesin alur kerja (Temporal) tidak dapat dihubungi; coba lagi nanti.',
      },
    ],
  });
  expect(await t.db('users').where({ nip: '198503122010011001' }).first()).toBeUndefined();
});

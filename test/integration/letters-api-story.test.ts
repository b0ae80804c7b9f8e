import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:http';
import request from 'supertest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { lazyTemporalClient } from '../../lib/runtime/lazy-temporal-client';
import { createWorker, type RunningWorker } from '../../lib/worker/create-worker';
import { letterWorkflowId } from '../../workflows/outgoing-letter-types';
import { addClassification, opdIds } from '../support/letters';
import { runPdfsig } from '../support/pdf-validators';
import { issueTestCertificate, setupTestCa, TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTemporalDevServer } from '../support/temporal-server';

/**
 * The outgoing-letter story through the JSON API, on MariaDB, a real Temporal dev server, the real
 * worker with its real activities, Chromium and a real certificate: every party acts with its own
 * token, the wrong ones are refused, and the letter ends signed and delivered.
 */
describe('outgoing letter through the API', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  let server: Server;
  let running: RunningWorker;
  let runPromise: Promise<void>;
  let opd: Record<string, number>;
  let letterId: number;
  const tokens: Record<string, string> = {};
  const users: Record<string, number> = {};
  const PEOPLE = [
    'staf1.diskominfo',
    'verifikator1.diskominfo',
    'verifikator2.diskominfo',
    'admin.diskominfo',
    'kepala.diskominfo',
    'admin.disdik',
    'verifikator1.disdik',
  ];

  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const api = () => request(server);

  beforeAll(async () => {
    env = await startTemporalDevServer();
    t = await createTestDatabase('mysql', {
      env: {
        TEMPORAL_ADDRESS: env.connection.options.address,
        TEMPORAL_TASK_QUEUE: `letters-${Date.now()}`,
        P12_KDF_ITERATIONS: '10000',
        PDF_POOL_SIZE: '1',
      },
    });
    await seedTestDatabase(t);
    await setupTestCa(t);
    await issueTestCertificate(t, { username: 'kepala.diskominfo' });
    await addClassification(t.db);
    opd = await opdIds(t.db);
    running = await createWorker(t.config);
    runPromise = running.worker.run();
    server = createTestApp(t.config, t.db, lazyTemporalClient(t.config)).listen(0);
    for (const user of PEOPLE) {
      const res = await api().post('/api/v1/auth/token').send({ username: user, password: DEMO_PASSWORD });
      tokens[user] = res.body.token;
      users[user] = res.body.user.id;
    }
  });
  afterAll(async () => {
    server?.close();
    running?.worker.shutdown();
    await runPromise;
    await running?.close();
    await t?.drop();
    await env?.teardown();
  });

  const content = () => ({
    kind: 'surat-dinas',
    subject: 'Permintaan Data Kepegawaian',
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    fields: {
      kepada: 'Kepala Dinas Pendidikan Kabupaten Kuantan Singingi',
      di: 'Teluk Kuantan',
      isi: '<p>Mohon data pegawai.</p><script>alert(1)</script><p onclick="x()">Terima kasih.</p>',
      penutup: 'Demikian disampaikan.',
    },
    recipients: [opd.DISDIK, opd.DINKES],
    cc: [opd.SETDA],
  });

  it('creates a draft with a sanitised body and starts its workflow', async () => {
    const res = await api().post('/api/v1/letters').set(as('staf1.diskominfo')).send(content());
    expect(res.status).toBe(201);
    letterId = res.body.id;
    const version = await t.db('letter_versions').where({ letter_id: letterId }).first('fields');
    expect(version.fields).not.toContain('<script');
    expect(version.fields).not.toContain('onclick');
    expect(version.fields).toContain('Mohon data pegawai.');
    const handle = (await lazyTemporalClient(t.config)()).workflow.getHandle(letterWorkflowId(letterId));
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const bad = await api()
      .post('/api/v1/letters')
      .set(as('staf1.diskominfo'))
      .send({ ...content(), recipients: [opd.DISKOMINFO] });
    expect(bad.status).toBe(400);
  });

  it('edits the draft as a new version and refuses a stale one', async () => {
    const edit = await api()
      .patch(`/api/v1/letters/${letterId}`)
      .set(as('staf1.diskominfo'))
      .send({ ...content(), subject: 'Permintaan Data Kepegawaian Tahun 2026', baseVersionNo: 1 });
    expect(edit.status).toBe(200);
    expect(edit.body.versionNo).toBe(2);
    const stale = await api()
      .patch(`/api/v1/letters/${letterId}`)
      .set(as('staf1.diskominfo'))
      .send({ ...content(), baseVersionNo: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/telah diubah oleh orang lain/);
  });

  it('verifies strictly in order, returns with a note, and resumes at the returning verifier', async () => {
    const submit = await api()
      .post(`/api/v1/letters/${letterId}/submit`)
      .set(as('staf1.diskominfo'))
      .send({
        baseVersionNo: 2,
        verifierIds: [users['verifikator1.diskominfo'], users['verifikator2.diskominfo']],
        signerId: users['kepala.diskominfo'],
      });
    expect(submit.status).toBe(200);
    expect(submit.body).toMatchObject({ status: 'verifying', currentStep: { kind: 'verify', index: 0 } });

    const early = await api()
      .post(`/api/v1/letters/${letterId}/verify`)
      .set(as('verifikator2.diskominfo'))
      .send({ baseVersionNo: 2, decision: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('Belum giliran Anda memverifikasi surat ini.');
    const outsider = await api()
      .post(`/api/v1/letters/${letterId}/verify`)
      .set(as('verifikator1.disdik'))
      .send({ baseVersionNo: 2, decision: 'approve' });
    expect(outsider.status).toBe(404);

    const first = await api()
      .post(`/api/v1/letters/${letterId}/verify`)
      .set(as('verifikator1.diskominfo'))
      .send({ baseVersionNo: 2, decision: 'approve' });
    expect(first.body.currentStep).toMatchObject({ index: 1, assigneeId: users['verifikator2.diskominfo'] });

    const back = await api()
      .post(`/api/v1/letters/${letterId}/verify`)
      .set(as('verifikator2.diskominfo'))
      .send({ baseVersionNo: 2, decision: 'return', note: 'Lengkapi batas waktu pengiriman data.' });
    expect(back.body).toMatchObject({ status: 'draft', resumeAt: 1 });

    const again = await api()
      .post(`/api/v1/letters/${letterId}/submit`)
      .set(as('staf1.diskominfo'))
      .send({ baseVersionNo: 2 });
    expect(again.body.currentStep).toMatchObject({ index: 1, assigneeId: users['verifikator2.diskominfo'] });

    const edited = await api()
      .post(`/api/v1/letters/${letterId}/verify`)
      .set(as('verifikator2.diskominfo'))
      .send({
        baseVersionNo: 2,
        decision: 'approve',
        content: {
          ...content(),
          subject: 'Permintaan Data Kepegawaian Tahun 2026 (paling lambat 15 Desember)',
        },
      });
    expect(edited.body).toMatchObject({ status: 'numbering', versionNo: 3 });
    const steps = await t.db('letter_steps').where({ letter_id: letterId }).orderBy('seq');
    expect(steps.map((s) => [s.kind, s.status])).toEqual([
      ['verify', 'done'],
      ['verify', 'done'],
      ['number', 'active'],
      ['sign', 'waiting'],
    ]);
  });

  it('lets only the bagian umum of the drafter’s OPD number it, by the OPD’s pattern', async () => {
    const staff = await api()
      .post(`/api/v1/letters/${letterId}/number`)
      .set(as('staf1.diskominfo'))
      .send({ number: '000.1.2/1/DISKOMINFO/2026', date: '2026-11-28' });
    expect(staff.status).toBe(403);
    const otherOpd = await api()
      .post(`/api/v1/letters/${letterId}/number`)
      .set(as('admin.disdik'))
      .send({ number: '000.1.2/1/DISKOMINFO/2026', date: '2026-11-28' });
    expect(otherOpd.status).toBe(404);
    const wrong = await api()
      .post(`/api/v1/letters/${letterId}/number`)
      .set(as('admin.diskominfo'))
      .send({ number: '000.1.2/01/DISKOMINFO/2026', date: '2026-11-28' });
    expect(wrong.status).toBe(409);

    const suggestion = await api()
      .get(`/api/v1/letters/${letterId}/number-suggestion`)
      .set(as('admin.diskominfo'));
    expect(suggestion.body.number).toMatch(/^000\.1\.2\/1\/DISKOMINFO\/\d{4}$/);
    const year = new Date().getFullYear();
    const ok = await api()
      .post(`/api/v1/letters/${letterId}/number`)
      .set(as('admin.diskominfo'))
      .send({ number: `000.1.2/1/DISKOMINFO/${year}`, date: `${year}-11-28` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'signing', number: `000.1.2/1/DISKOMINFO/${year}` });
  });

  it('signs with the passphrase, delivers to each recipient OPD, and keeps the passphrase out of history', async () => {
    const wrong = await api()
      .post(`/api/v1/letters/${letterId}/sign`)
      .set(as('kepala.diskominfo'))
      .send({ passphrase: 'bukan-passphrase-nya' });
    expect(wrong.status).toBe(422);
    const signed = await api()
      .post(`/api/v1/letters/${letterId}/sign`)
      .set(as('kepala.diskominfo'))
      .send({ passphrase: TEST_PASSPHRASE });
    expect(signed.status).toBe(200);
    expect(signed.body.documentCode).toMatch(/^[a-z0-9]{20}$/);

    let letter = await api().get(`/api/v1/letters/${letterId}`).set(as('staf1.diskominfo'));
    for (let i = 0; i < 40 && letter.body.state.status !== 'sent'; i++) {
      await sleep(250);
      letter = await api().get(`/api/v1/letters/${letterId}`).set(as('staf1.diskominfo'));
    }
    expect(letter.body.state.status).toBe('sent');
    expect(
      letter.body.recipients.map((r: { kind: string; progress: string }) => [r.kind, r.progress]).sort(),
    ).toEqual([
      ['cc', 'received'],
      ['to', 'received'],
      ['to', 'received'],
    ]);

    const incoming = await api().get('/api/v1/tasks').set(as('admin.disdik'));
    expect(incoming.body.counters.incoming).toBe(1);
    expect(incoming.body.items.incoming).toEqual([
      expect.objectContaining({
        title: 'Permintaan Data Kepegawaian Tahun 2026 (paling lambat 15 Desember)',
      }),
    ]);

    const row = await t.db('letters').where({ id: letterId }).first('signed_file_id');
    const file = await t.db('files').where({ id: row.signed_file_id }).first('sha256');
    const { FileStore } = await import('../../lib/storage/file-store');
    const pdf = await new FileStore(t.db, t.config.filesDir).read(file);
    const pdfsig = await runPdfsig(pdf, (await setupTestCa(t)).rootPem);
    expect(pdfsig.signatures[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    const verdict = await api().post('/api/v1/verify').attach('file', pdf, 'surat.pdf');
    expect(verdict.body.valid).toBe(true);

    const handle = (await lazyTemporalClient(t.config)()).workflow.getHandle(letterWorkflowId(letterId));
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain(TEST_PASSPHRASE);
    expect(history).not.toContain(Buffer.from(TEST_PASSPHRASE).toString('base64'));
  });

  it('tells every party the timeline, and nobody else', async () => {
    const timeline = await api()
      .get(`/api/v1/letters/${letterId}/timeline`)
      .set(as('verifikator1.diskominfo'));
    expect(timeline.status).toBe(200);
    const actions = timeline.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'letter.create',
        'letter.submit',
        'letter.return',
        'letter.number',
        'letter.sign',
      ]),
    );
    expect((await api().get(`/api/v1/letters/${letterId}`).set(as('verifikator1.disdik'))).status).toBe(404);
  });
});

import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { projectRoot } from '../../lib/paths';
import { letterWorkflowId } from '../../workflows/outgoing-letter-types';
import { freePort } from '../support/free-port';
import { runPdfsig } from '../support/pdf-validators';
import { CliProcess, runCli } from '../support/production-cli';
import {
  castMembers,
  diskominfoCast,
  driveLetter,
  letterBody,
  LettersApi,
  waitForStatus,
} from '../support/letter-story';
import { startTemporalDevServer } from '../support/temporal-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The production entry points without Docker, as docker-compose.yml runs them: NODE_ENV=production, the
 * compiled CLI and its prebuilt workflow bundle, MariaDB and a separate Temporal server. The operator's
 * one-shot commands prepare the database (migrate, ca init, and `eoffice seed` for the demo regency,
 * the practical way to get people and certificates here), then `eoffice web` and `eoffice worker` run
 * as separate processes. One letter goes through the JSON API to its recipients; a second one has its
 * worker stopped by SIGTERM while it renders the signed PDF, and a new worker finishes it.
 * Needs `npm run build` first.
 */

jest.setTimeout(60_000);

const DEMO_PASSWORD = 'Uji-Produksi#2026';
const DEMO_PASSPHRASE = 'Uji-TandaTangan-Produksi#2026';
const cast = diskominfoCast(DEMO_PASSPHRASE);

describe('production entry points on MariaDB and a Temporal server', () => {
  let temporal: TestWorkflowEnvironment;
  let t: TestDatabase;
  let env: Record<string, string>;
  let api: LettersApi;
  let opd: Record<string, number>;
  let workerMetrics: string;
  let worker: CliProcess;
  const processes: CliProcess[] = [];

  const start = async (command: 'web' | 'worker', ready: string): Promise<CliProcess> => {
    const cli = new CliProcess([command], env);
    processes.push(cli);
    await cli.waitForLog(ready);
    return cli;
  };

  beforeAll(async () => {
    // Assigned as each is ready, so afterAll stops whichever started even if the other failed. The
    // database is left empty: `eoffice migrate` creates the schema.
    await Promise.all([
      startTemporalDevServer().then((server) => (temporal = server)),
      createTestDatabase('mysql', { migrate: false }).then((database) => (t = database)),
    ]);
    const [webPort, metricsPort] = [await freePort(), await freePort()];
    const baseUrl = `http://127.0.0.1:${webPort}`;
    workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    env = {
      NODE_ENV: 'production',
      CA_KEY_SECRET: 'uji-produksi-rahasia-kunci-ca-0123',
      HOST: '127.0.0.1',
      PORT: String(webPort),
      PUBLIC_URL: baseUrl,
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      TEMPORAL_TASK_QUEUE: `production-${process.pid}-${Date.now()}`,
      WORKER_METRICS_PORT: String(metricsPort),
      SEED_DEMO: 'false',
      DEMO_PASSWORD,
      DEMO_PASSPHRASE,
      LOG_LEVEL: 'info',
      PDF_POOL_SIZE: '1',
      // The lowest the configuration allows, so the seed's 49 accounts and 6 certificates are quick.
      PASSWORD_HASH_MEMORY_KIB: '1024',
      P12_KDF_ITERATIONS: '10000',
    };
    api = new LettersApi(baseUrl);
  });

  afterAll(async () => {
    await Promise.all(processes.map((cli) => cli.stop()));
    await t?.drop();
    await temporal?.teardown();
  });

  it('migrate, ca init and seed prepare an empty MariaDB database', async () => {
    // Independent (the CA lives in files), so side by side.
    const [migrated, ca] = await Promise.all([runCli(['migrate'], env), runCli(['ca', 'init'], env)]);
    expect(migrated).toMatch(/^Diterapkan: [1-9]\d* migrasi$/m);
    expect(ca).toMatch(/^Root CA dibuat: /m);
    // The CA exists already: the seed enrols the heads of OPD with it.
    expect(await runCli(['seed'], env)).toMatch(/^OPD baru: 6, pengguna baru: 49, sertifikat baru: 6$/m);
    opd = Object.fromEntries((await t.db('opd').select('id', 'code')).map((r) => [r.code, Number(r.id)]));
  });

  it('starts web and worker as separate processes, the worker on the prebuilt workflow bundle', async () => {
    [worker] = await Promise.all([start('worker', 'worker polling'), start('web', 'web listening')]);
    expect(worker.logLines().find((l) => l.msg === 'worker uses the prebuilt workflow bundle')).toMatchObject(
      {
        workflowBundle: { codePath: path.join(projectRoot, 'dist', 'workflow-bundle.js') },
      },
    );
    // The worker logs "polling" just before its first poll reaches Temporal: allow /ready a moment.
    let ready: unknown;
    for (let i = 0; i < 50; i++, await sleep(100)) {
      const res = await fetch(`${api.baseUrl}/ready`);
      ready = await res.json();
      if (res.status === 200) break;
    }
    expect(ready).toEqual({
      status: 'ready',
      checks: { database: 'ok', temporal: 'ok', worker: 'ok' },
    });
    await api.login([...castMembers(cast), 'admin.disdik'], DEMO_PASSWORD);
  });

  const body = (subject: string) =>
    letterBody({ recipients: [opd.DISDIK, opd.DINKES], cc: [opd.SETDA] }, { subject, classification: '000' });

  /** The signed PDF as the drafter downloads it, with pdfsig's verdict against the regency's root. */
  const signedPdf = async (letterId: number) => {
    // LettersApi reads answers as text; a PDF needs its bytes, so this one request logs in by itself.
    const login = await api.call(null, 'post', '/api/v1/auth/token', {
      username: cast.drafter,
      password: DEMO_PASSWORD,
    });
    const res = await fetch(`${api.baseUrl}/api/v1/letters/${letterId}/pdf`, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(res.status).toBe(200);
    const rootPem = await (await fetch(`${api.baseUrl}/pki/root.crt`)).text();
    return runPdfsig(Buffer.from(await res.arrayBuffer()), rootPem);
  };

  /** Delivered exactly once: one incoming letter per recipient OPD, each recipient's progress received. */
  const expectDeliveredOnce = async (letterId: number, subject: string) => {
    const incoming = await t.db('incoming_letters').where({ letter_id: letterId }).select('opd_id');
    const byId = (a: number, b: number) => a - b;
    expect(incoming.map((r) => Number(r.opd_id)).sort(byId)).toEqual(
      [opd.DISDIK, opd.DINKES, opd.SETDA].sort(byId),
    );
    const detail = await api.expect(cast.drafter, 'get', `/api/v1/letters/${letterId}`);
    expect(detail.body.recipients.map((r: { progress: string }) => r.progress)).toEqual([
      'received',
      'received',
      'received',
    ]);
    const tasks = await api.expect('admin.disdik', 'get', '/api/v1/tasks');
    expect(tasks.body.items.incoming).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: subject })]),
    );
  };

  it('takes a letter from draft through verification, numbering and signing to its recipients', async () => {
    const subject = 'Uji Jalur Produksi';
    const letter = await driveLetter(api, cast, 'sent', { body: body(subject) });
    expect(letter.number).toMatch(/^000\/1\/DISKOMINFO\/\d{4}$/);
    await expectDeliveredOnce(letter.id, subject);
    const { signatures } = await signedPdf(letter.id);
    expect(signatures).toEqual([expect.objectContaining({ signatureValid: true, certificateTrusted: true })]);
  });

  /** Polls the worker's own /metrics until Chromium renders a page: the signing activity is under way. */
  const waitForRender = async (timeoutMs = 20_000) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(10)) {
      const metrics = await (await fetch(workerMetrics)).text();
      if (/^eoffice_pdf_pool_pages_in_use [1-9]/m.test(metrics)) return;
    }
    throw new Error(`the worker rendered no PDF within ${timeoutMs} ms\n${worker.output()}`);
  };

  it('lets a worker stopped by SIGTERM while signing finish the signature; a new worker sends the letter', async () => {
    const subject = 'Uji Penghentian Pekerja Saat Menandatangani';
    const letter = await driveLetter(api, cast, 'signing', { body: body(subject) });
    // The signer's request waits on the workflow's update, across the worker's restart.
    const signing = api.call(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, {
      passphrase: cast.passphrase,
    });
    await waitForRender();
    const stoppedAt = Date.now();
    worker.signal('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.logLines().at(-1)?.msg).toBe('worker stopped');
    // The activity finished within the grace time: the signed PDF is on the letter, while the workflow,
    // with no worker to run it, has not moved on.
    const stopped = await t.db('letters').where({ id: letter.id }).first('signed_file_id', 'status');
    expect(stopped.signed_file_id).not.toBeNull();
    expect(stopped.status).toBe('signing');

    worker = await start('worker', 'worker polling');
    const signed = await signing;
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('sending');
    await waitForStatus(api, cast.drafter, letter.id, 'sent');
    await expectDeliveredOnce(letter.id, subject);

    // Signed once: one signature on record and in the PDF, by one attempt that ended after the SIGTERM.
    const rows = await t
      .db('document_signatures')
      .join('documents', 'documents.id', 'document_signatures.document_id')
      .where('documents.letter_id', letter.id)
      .select('document_signatures.id');
    expect(rows).toHaveLength(1);
    const { signatures } = await signedPdf(letter.id);
    expect(signatures).toEqual([expect.objectContaining({ signatureValid: true, certificateTrusted: true })]);
    const history = await temporal.client.workflow.getHandle(letterWorkflowId(letter.id)).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'signLetter',
    );
    expect(scheduled).toHaveLength(1);
    const scheduledId = Number(scheduled[0].eventId);
    const ofSigning = (e: (typeof events)[number]) =>
      Number(
        (e.activityTaskStartedEventAttributes ?? e.activityTaskCompletedEventAttributes)?.scheduledEventId,
      ) === scheduledId;
    const started = events.filter((e) => e.activityTaskStartedEventAttributes && ofSigning(e));
    const completed = events.filter((e) => e.activityTaskCompletedEventAttributes && ofSigning(e));
    expect(started.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
    expect(completed).toHaveLength(1);
    expect(tsToMs(completed[0].eventTime)).toBeGreaterThan(stoppedAt);
  });
});

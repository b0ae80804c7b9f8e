import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Knex } from 'knex';
import { createKnex } from '../../lib/db/create-knex';
import { letterWorkflowId } from '../../workflows/outgoing-letter-types';
import { freePort } from './free-port';
import { runPdfsig, type PdfsigSignature } from './pdf-validators';
import { CliProcess, runCli } from './production-cli';
import { castMembers, diskominfoCast, letterBody, LettersApi } from './letter-story';
import { killGroup } from './run-stack';
import type { PrivateMariaDb } from './private-mariadb';
import { startTemporalDevServer } from './temporal-server';
import { createTestDatabase, testConfig } from './test-database';

/**
 * The production stack for fault tests, as test/integration/production-entry-points.test.ts runs it:
 * the built CLI's `web` and `worker` as separate processes (NODE_ENV=production) on MariaDB and a
 * Temporal dev server, the demo regency seeded by `eoffice seed`, the Diskominfo cast logged in to the
 * JSON API. Faults: SIGKILL the worker (with its Chromium), restart Temporal on its data file, or run on
 * a PrivateMariaDb the test stops. The checks every fault test ends with live here too: a letter signed
 * once, delivered once to each recipient, and the audit chain whole.
 */

export const DEMO_PASSWORD = 'Uji-Gangguan#2026';
const cast = diskominfoCast('Uji-TandaTangan-Gangguan#2026');

export interface FaultStackOptions {
  /** Run on this server (its `eoffice` database) instead of a new database on the shared one. */
  mariadb?: PrivateMariaDb;
}

/** The activity attempts of one workflow's history: which attempt of each scheduled activity completed. */
export interface ActivityRun {
  activity: string;
  /** The attempt that completed, or null if none did (yet). */
  completedAttempt: number | null;
}

export class FaultStack {
  readonly cast = cast;
  readonly api: LettersApi;
  /** OPD ids by code. */
  opd: Record<string, number> = {};
  worker!: CliProcess;
  web!: CliProcess;
  private readonly processes: CliProcess[] = [];

  private constructor(
    /** The test's own connection to the stack's database. */
    readonly db: Knex,
    readonly env: Record<string, string>,
    private temporal: TestWorkflowEnvironment,
    private readonly temporalServer: { port: number; dbFilename: string },
    private readonly cleanup: () => Promise<void>,
  ) {
    this.api = new LettersApi(env.PUBLIC_URL);
  }

  /** Prepares the database (migrate, ca init, seed), starts web and worker and logs the cast in. */
  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const temporalServer = {
      port: await freePort(),
      dbFilename: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-temporal-')), 'temporal.db'),
    };
    const [temporal, database] = await Promise.all([
      startTemporalDevServer(temporalServer),
      options.mariadb ? privateDatabase(options.mariadb) : createTestDatabase('mysql', { migrate: false }),
    ]);
    const [webPort, metricsPort] = [await freePort(), await freePort()];
    const env = {
      NODE_ENV: 'production',
      CA_KEY_SECRET: 'uji-gangguan-rahasia-kunci-ca-0123',
      HOST: '127.0.0.1',
      PORT: String(webPort),
      PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalServer.port}`,
      TEMPORAL_TASK_QUEUE: `faults-${process.pid}-${Date.now()}`,
      WORKER_METRICS_PORT: String(metricsPort),
      SEED_DEMO: 'false',
      DEMO_PASSWORD,
      DEMO_PASSPHRASE: cast.passphrase,
      LOG_LEVEL: 'info',
      PDF_POOL_SIZE: '1',
      // The lowest the configuration allows, so the seed's 49 accounts and 6 certificates are quick.
      PASSWORD_HASH_MEMORY_KIB: '1024',
      P12_KDF_ITERATIONS: '10000',
    };
    const stack = new FaultStack(database.db, env, temporal, temporalServer, async () => {
      await database.drop();
      fs.rmSync(path.dirname(temporalServer.dbFilename), { recursive: true, force: true });
    });
    try {
      await Promise.all([runCli(['migrate'], env), runCli(['ca', 'init'], env)]);
      await runCli(['seed'], env);
      const rows = await stack.db('opd').select('id', 'code');
      stack.opd = Object.fromEntries(rows.map((r) => [r.code, Number(r.id)]));
      [stack.worker, stack.web] = await Promise.all([
        stack.startWorker(),
        stack.spawn('web', 'web listening'),
      ]);
      await stack.api.login([...castMembers(cast), 'admin.disdik'], DEMO_PASSWORD);
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  get workerMetricsUrl(): string {
    return `http://127.0.0.1:${this.env.WORKER_METRICS_PORT}/metrics`;
  }

  private async spawn(command: 'web' | 'worker', ready: string): Promise<CliProcess> {
    const cli = new CliProcess([command], this.env);
    this.processes.push(cli);
    await cli.waitForLog(ready);
    return cli;
  }

  /** A new worker process, replacing `worker`; resolves once it polls. */
  async startWorker(): Promise<CliProcess> {
    this.worker = await this.spawn('worker', 'worker polling');
    return this.worker;
  }

  /**
   * SIGKILL to the worker's process group, as the OOM killer or a power cut would. Chromium is not in
   * it (puppeteer starts it in a group of its own): resolves with the pids of the worker's Chromium
   * browsers, for the test to see them go too.
   */
  async killWorker(): Promise<number[]> {
    const browsers = await this.chromium();
    killGroup(this.worker.pid, 'SIGKILL');
    await this.worker.exited;
    return browsers;
  }

  /** SIGKILL to the worker's Chromium (its browser process: the rest follows); the worker lives on. */
  async killChromium(): Promise<number> {
    const [browser] = await this.chromium();
    if (!browser) throw new Error(`the worker runs no Chromium\n${this.worker.output()}`);
    process.kill(browser, 'SIGKILL');
    return browser;
  }

  /** The pids of the worker's Chromium browsers: its direct children. */
  private async chromium(): Promise<number[]> {
    const { stdout } = await promisify(execFile)('ps', ['-e', '-o', 'pid=,ppid=,args=']);
    return stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, ppid, command]) => Number(ppid) === this.worker.pid && command.includes('chromium'))
      .map(([pid]) => Number(pid));
  }

  /** Stops the Temporal server, waits `downMs`, and starts it again on the same port and data file. */
  async restartTemporal(downMs: number): Promise<void> {
    await this.temporal.teardown();
    await sleep(downMs);
    this.temporal = await startTemporalDevServer(this.temporalServer);
  }

  /** Polls the worker's /metrics until Chromium renders a page: a signing activity is rendering. */
  async waitForRender(timeoutMs = 20_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(10)) {
      const metrics = await (await fetch(this.workerMetricsUrl)).text();
      if (/^eoffice_pdf_pool_pages_in_use [1-9]/m.test(metrics)) return;
    }
    throw new Error(`the worker rendered no PDF within ${timeoutMs} ms\n${this.worker.output()}`);
  }

  /** A surat dinas from Diskominfo to Disdik and Dinkes, with a tembusan to Setda. */
  letterBody(subject: string): Record<string, unknown> {
    const { DISDIK, DINKES, SETDA } = this.opd;
    return letterBody({ recipients: [DISDIK, DINKES], cc: [SETDA] }, { subject, classification: '000' });
  }

  /**
   * What says a letter was signed once: its signature rows, the audit entries of its signed document,
   * and the signatures pdfsig finds in the PDF the drafter downloads.
   */
  async signatures(letterId: number): Promise<{ rows: number; audited: number; pdf: PdfsigSignature[] }> {
    return {
      rows: await this.signatureRows(letterId),
      audited: await this.auditCount(letterId, 'letter.signed_document'),
      pdf: (await this.signedPdf(letterId)).signatures,
    };
  }

  /** The letter's rows in document_signatures. */
  async signatureRows(letterId: number): Promise<number> {
    const [{ n }] = await this.db('document_signatures')
      .join('documents', 'documents.id', 'document_signatures.document_id')
      .where('documents.letter_id', letterId)
      .count({ n: '*' });
    return Number(n);
  }

  /** The signed PDF as the drafter downloads it, read by pdfsig against the regency's root. */
  async signedPdf(letterId: number): Promise<{ output: string; signatures: PdfsigSignature[] }> {
    // LettersApi reads answers as text; a PDF needs its bytes.
    const login = await this.api.call(null, 'post', '/api/v1/auth/token', {
      username: cast.drafter,
      password: DEMO_PASSWORD,
    });
    const res = await fetch(`${this.api.baseUrl}/api/v1/letters/${letterId}/pdf`, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    if (res.status !== 200) throw new Error(`GET the PDF of letter ${letterId}: ${res.status}`);
    const rootPem = await (await fetch(`${this.api.baseUrl}/pki/root.crt`)).text();
    return runPdfsig(Buffer.from(await res.arrayBuffer()), rootPem);
  }

  /**
   * Delivered once: the recipient OPDs of each incoming letter, sorted (each once when the list equals
   * the letter's recipients), and how many deliveries the audit trail records.
   */
  async deliveries(letterId: number): Promise<{ opdIds: number[]; audited: number }> {
    const incoming = await this.db('incoming_letters').where({ letter_id: letterId }).select('opd_id');
    return {
      opdIds: incoming.map((r) => Number(r.opd_id)).sort((a, b) => a - b),
      audited: await this.auditCount(letterId, 'letter.deliver'),
    };
  }

  /** The recipient OPDs letterBody() names, sorted as deliveries() sorts. */
  get recipientOpdIds(): number[] {
    return [this.opd.DISDIK, this.opd.DINKES, this.opd.SETDA].sort((a, b) => a - b);
  }

  private async auditCount(letterId: number, action: string): Promise<number> {
    const [{ n }] = await this.db('audit_log')
      .where({ entity_type: 'letter', entity_id: String(letterId), action })
      .count({ n: '*' });
    return Number(n);
  }

  /** `eoffice audit verify` on the stack's database: its output; throws unless it exits 0. */
  async verifyAudit(): Promise<string> {
    return runCli(['audit', 'verify'], this.env);
  }

  /** Each scheduled run of `activity` in the letter's workflow, in order, with the attempt that completed. */
  async activityRuns(letterId: number, activity: string): Promise<ActivityRun[]> {
    const history = await this.temporal.client.workflow.getHandle(letterWorkflowId(letterId)).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity,
    );
    return scheduled.map((s) => {
      const of = (e: (typeof events)[number]) =>
        Number(
          (e.activityTaskStartedEventAttributes ?? e.activityTaskCompletedEventAttributes)?.scheduledEventId,
        ) === Number(s.eventId);
      const completed = events.find((e) => e.activityTaskCompletedEventAttributes && of(e));
      const started = events.find((e) => e.activityTaskStartedEventAttributes && of(e));
      return {
        activity,
        completedAttempt: completed ? (started?.activityTaskStartedEventAttributes?.attempt ?? null) : null,
      };
    });
  }

  /** For afterAll: every process stopped, the database and the Temporal data removed. */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map((cli) => cli.stop()));
    await this.temporal.teardown();
    await this.cleanup();
  }
}

/** The `eoffice` database of a PrivateMariaDb, shaped like a TestDatabase; drop() stops the server. */
async function privateDatabase(mariadb: PrivateMariaDb) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-test-'));
  const db = createKnex(testConfig({ DATABASE_URL: mariadb.url, DATA_DIR: dataDir }).database);
  return {
    url: mariadb.url,
    dataDir,
    db,
    async drop() {
      await db.destroy();
      await mariadb.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

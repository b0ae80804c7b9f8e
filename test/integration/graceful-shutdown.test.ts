import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLetter } from '../../lib/letters/create-letter';
import { freePort } from '../support/free-port';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { CliProcess } from '../support/production-cli';
import { DEMO_PASSWORD, seedTestDatabase } from '../support/seeded';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The built `eoffice web` (NODE_ENV=production) receives SIGTERM while it renders a PDF preview on a cold
 * Chromium: it stops accepting connections at once, the preview still arrives complete with 200, and
 * the process closes Chromium and the database and exits 0. Needs `npm run build` first.
 */

jest.setTimeout(60_000);

/** Child processes (Chromium) of a process, by pid. */
function childrenOf(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}

/** A fresh connection (no keep-alive pool), so a refusal shows the listening socket is closed. */
function healthOnNewConnection(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .once('error', reject);
  });
}

describe('graceful shutdown of the web process', () => {
  let t: TestDatabase;
  let web: CliProcess;
  let base: string;
  let port: number;
  let letterId: number;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    await addClassification(t.db);
    const people = await userIds(t.db, ['staf1.diskominfo']);
    ({ letterId } = await createLetter(t.db, {
      drafterId: people['staf1.diskominfo'],
      content: sampleContent(await opdIds(t.db), { subject: 'Uji Penghentian Bertahap' }),
    }));
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    web = new CliProcess(['web'], {
      NODE_ENV: 'production',
      CA_KEY_SECRET: 'uji-penghentian-rahasia-kunci-ca-0123',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: '',
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.url,
      // Nothing listens there; a PDF preview does not need Temporal.
      TEMPORAL_ADDRESS: '127.0.0.1:9',
      LOG_LEVEL: 'info',
      PDF_POOL_SIZE: '1',
    });
    await web.waitForLog('web listening');
  });

  afterAll(async () => {
    await web?.stop();
    await t?.drop();
  });

  it('finishes the in-flight PDF preview, refuses new connections, then exits 0', async () => {
    const login = await fetch(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staf1.diskominfo', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const preview = fetch(`${base}/api/v1/letters/${letterId}/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    // In flight for sure once the web has started Chromium for it.
    for (let i = 0; childrenOf(web.pid).length === 0; i++) {
      if (i > 100) throw new Error(`Chromium never started:\n${web.output()}`);
      await sleep(50);
    }
    web.signal('SIGTERM');
    await web.waitForLog('web stopping: finishing in-flight requests', 2_000);
    await expect(healthOnNewConnection(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const res = await preview;
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');

    expect(await web.exited).toEqual({ code: 0, signal: null });
    const lines = web.logLines();
    // Structured logs: the preview's request line was written before the stop completed.
    expect(lines.find((l) => l.path === `/api/v1/letters/${letterId}/pdf`)?.status).toBe(200);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['web stopping: finishing in-flight requests', 'web stopped']),
    );
    expect(lines.findIndex((l) => l.msg === 'web stopped')).toBeGreaterThan(
      lines.findIndex((l) => l.path === `/api/v1/letters/${letterId}/pdf`),
    );
  });
});

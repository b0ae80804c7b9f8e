import type { Server } from 'node:http';
import type { Context } from '@temporalio/activity';
import request from 'supertest';
import {
  activityDuration,
  pdfPoolPagesInUse,
  pdfRenderDuration,
  pdfSignDuration,
  registry,
} from '../../lib/metrics/metrics';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { signPdf } from '../../lib/signing/sign-pdf';
import { activityMetricsInterceptor } from '../../lib/worker/activity-metrics-interceptor';
import { serveWorkerMetrics } from '../../lib/worker/serve-worker-metrics';
import { freePort } from '../support/free-port';
import { createSigningFixtures } from '../support/signing-fixtures';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Prometheus metrics: the web's GET /metrics (404 without METRICS_TOKEN, 401 with a wrong bearer, the
 * exposition with the right one, HTTP latency labelled by route pattern), a real render and signature
 * moving their histograms and the pool gauge, the activity interceptor's outcomes, and the worker's
 * own metrics server. Metric values are read back from the registry, not inferred from statuses.
 */

jest.setTimeout(60_000);

const TOKEN = 'rahasia-metrik-prometheus-0123456789';

/** The value of one sample of a metric, matched by name suffix and labels. */
async function sample(
  metric: { get(): Promise<{ values: { value: number; labels: object; metricName?: string }[] }> },
  suffix: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  const found = values.find(
    (v) =>
      (v.metricName ?? '').endsWith(suffix) &&
      Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want),
  );
  return found?.value ?? 0;
}

describe('GET /metrics on the web', () => {
  let withToken: TestDatabase;
  let withoutToken: TestDatabase;
  let server: Server;
  let closed: Server;

  beforeAll(async () => {
    withToken = await createTestDatabase('sqlite', { env: { METRICS_TOKEN: TOKEN } });
    withoutToken = await createTestDatabase('sqlite');
    server = createTestApp(withToken.config, withToken.db).listen(0);
    closed = createTestApp(withoutToken.config, withoutToken.db).listen(0);
  });
  afterAll(async () => {
    server?.close();
    closed?.close();
    await withToken?.drop();
    await withoutToken?.drop();
  });

  it('is the same 404 as an unknown path when METRICS_TOKEN is unset, token or not', async () => {
    const bare = await request(closed).get('/metrics').set('Accept', 'application/json');
    expect(bare.status).toBe(404);
    expect(bare.body.error.code).toBe('not_found');
    const guessed = await request(closed).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(guessed.status).toBe(404);
    expect(guessed.text).not.toContain('eoffice_');
  });

  it('refuses a missing or wrong bearer token with 401 and no metrics', async () => {
    for (const auth of [undefined, 'Bearer salah-token-metrik-0123456789', `Bearer ${TOKEN}x`, TOKEN]) {
      const req = request(server).get('/metrics').set('Accept', 'text/html,*/*');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.text).not.toContain('eoffice_');
    }
  });

  it('serves the exposition with the token, HTTP latency labelled by route pattern', async () => {
    const code = 'KODE-RAHASIA-123456';
    await request(server).get(`/verifikasi/${code}`);
    await request(server).get('/tidak-ada/sama-sekali');
    const res = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /^eoffice_http_request_duration_seconds_count\{method="GET",route="\/verifikasi\/:code",status="\d{3}"\} 1$/m,
    );
    expect(res.text).toMatch(
      /^eoffice_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1$/m,
    );
    expect(res.text).not.toContain(code);
    expect(res.text).not.toContain('/tidak-ada');
    // prom-client's default process metrics come with ours.
    expect(res.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    for (const name of ['activity', 'pdf_render', 'pdf_sign']) {
      expect(res.text).toContain(`# TYPE eoffice_${name}_duration_seconds histogram`);
    }
    expect(res.text).toContain('# TYPE eoffice_pdf_pool_pages_in_use gauge');
  });
});

describe('PDF metrics', () => {
  it('counts a render, the pages in use during it, and a signature of the result', async () => {
    const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', size: 1 });
    try {
      const renders = await sample(pdfRenderDuration, '_count');
      const rendering = pool.renderPdf('<!doctype html><p>Uji metrik</p>');
      await new Promise((resolve) => setImmediate(resolve));
      expect(await sample(pdfPoolPagesInUse, '')).toBe(1);
      const pdf = await rendering;
      expect(await sample(pdfPoolPagesInUse, '')).toBe(0);
      expect(await sample(pdfRenderDuration, '_count')).toBe(renders + 1);
      expect(await sample(pdfRenderDuration, '_sum')).toBeGreaterThan(0);

      const { official } = await createSigningFixtures();
      const signs = await sample(pdfSignDuration, '_count');
      await signPdf(pdf, {
        privateKey: official.privateKey,
        chainPem: official.chainPem,
        signerName: official.name,
        reason: 'Uji metrik',
        location: 'Teluk Kuantan',
      });
      expect(await sample(pdfSignDuration, '_count')).toBe(signs + 1);
    } finally {
      await pool.close();
    }
  });
});

describe('activity metrics interceptor', () => {
  const execute = (activityType: string) =>
    activityMetricsInterceptor({ info: { activityType } } as unknown as Context).inbound!.execute!;
  const input = { args: [], headers: {} };

  it('records completed and failed executions per activity type, passing results and errors on', async () => {
    const completed = { activity: 'renderLetterPdf', outcome: 'completed' };
    const failed = { activity: 'renderLetterPdf', outcome: 'failed' };
    await expect(execute('renderLetterPdf')(input, async () => 'hasil')).resolves.toBe('hasil');
    await expect(execute('renderLetterPdf')(input, async () => 'lagi')).resolves.toBe('lagi');
    const boom = new Error('gagal');
    await expect(
      execute('renderLetterPdf')(input, async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await sample(activityDuration, '_count', completed)).toBe(2);
    expect(await sample(activityDuration, '_count', failed)).toBe(1);
    expect(await sample(activityDuration, '_count', { activity: 'other', outcome: 'completed' })).toBe(0);
  });
});

describe('worker metrics server', () => {
  it('serves the registry at /metrics, 404 elsewhere, and nothing when the port is 0', async () => {
    expect(await serveWorkerMetrics({ host: '127.0.0.1', port: 0 })).toBeNull();
    const port = await freePort();
    const server = await serveWorkerMetrics({ host: '127.0.0.1', port });
    try {
      activityDuration.observe({ activity: 'sendLetter', outcome: 'completed' }, 0.2);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(registry.contentType);
      const text = await res.text();
      expect(text).toMatch(
        /^eoffice_activity_duration_seconds_count\{activity="sendLetter",outcome="completed"\} 1$/m,
      );
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      server?.closeAllConnections();
      server?.close();
    }
  });
});

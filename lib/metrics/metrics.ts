import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry and e-Office's metric objects. A registry of our own, not
 * prom-client's global one, so a dependency that also uses prom-client cannot clash with our names.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'eoffice_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern (never the raw URL) and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const activityDuration = new Histogram({
  name: 'eoffice_activity_duration_seconds',
  help: 'Temporal activity executions by activity type and outcome (completed or failed).',
  labelNames: ['activity', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const pdfRenderDuration = new Histogram({
  name: 'eoffice_pdf_render_duration_seconds',
  help: 'Successful HTML-to-PDF renders in Chromium, without the wait for a free page.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});

export const pdfSignDuration = new Histogram({
  name: 'eoffice_pdf_sign_duration_seconds',
  help: 'Successful PAdES signatures of a PDF (placeholder and CMS), without unlocking the key.',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const pdfPoolPagesInUse = new Gauge({
  name: 'eoffice_pdf_pool_pages_in_use',
  help: 'Chromium pages of the PDF pool rendering right now.',
  registers: [registry],
});

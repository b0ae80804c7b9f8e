import http, { type Server } from 'node:http';
import { registry } from '../metrics/metrics';

/**
 * The worker's own GET /metrics (the web's registry is in another process). No token: bind it to an
 * address only Prometheus reaches. Port 0 means off, so nothing listens.
 */
export async function serveWorkerMetrics(options: { host: string; port: number }): Promise<Server | null> {
  if (options.port === 0) return null;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Tidak ditemukan.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(options.port, options.host, resolve),
  );
  return server;
}

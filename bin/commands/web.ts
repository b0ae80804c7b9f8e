import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { DEFAULT_INSTANCE_NAME } from '../../lib/settings/settings-values';
import { FileStore } from '../../lib/storage/file-store';
import { createApp } from '../../api/app';
import type { Config } from '../../lib/config';
import { createKnex } from '../../lib/db/create-knex';
import type { Logger } from '../../lib/logger';
import { lazyTemporalClient } from '../../lib/runtime/lazy-temporal-client';
import { PageRenderer } from '../../web/render';

export async function runWeb(config: Config, logger: Logger): Promise<Server> {
  const db = createKnex(config.database);
  const temporalClient = lazyTemporalClient(config);
  const pages = new PageRenderer({ instanceName: DEFAULT_INSTANCE_NAME, cache: config.env === 'production' });
  const files = new FileStore(db, config.filesDir);
  const pdf = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: config.pdf.poolSize });
  const app = createApp({ config, db, files, pdf, logger, pages, temporalClient });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  logger.info({ url: config.publicUrl }, 'web listening');
  process.once('SIGTERM', () => stopGracefully(server, logger, { pdf, db }));
  process.once('SIGINT', () => stopGracefully(server, logger, { pdf, db }));
  return server;
}

/** Requests still open this long after SIGTERM (event streams, hung clients) are cut off. */
const DRAIN_CAP_MS = 25_000;
/** Keep-alive sockets turn idle only after their in-flight response: close them as they do. */
const IDLE_SWEEP_MS = 200;

/**
 * Stops accepting connections, lets in-flight requests finish (at most DRAIN_CAP_MS), then closes
 * Chromium and the database pool and exits 0, so an orchestrator's SIGTERM loses no request.
 */
function stopGracefully(server: Server, logger: Logger, held: { pdf: BrowserPool; db: Knex }): void {
  // A second signal (Ctrl-C after SIGTERM) must not start a second shutdown.
  if (!server.listening) return;
  logger.info('web stopping: finishing in-flight requests');
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cap = setTimeout(() => {
    logger.warn({ capMs: DRAIN_CAP_MS }, 'web stopping: closing requests still open');
    server.closeAllConnections();
  }, DRAIN_CAP_MS);
  server.close(async () => {
    clearInterval(sweep);
    clearTimeout(cap);
    let code = 0;
    try {
      await held.pdf.close();
      await held.db.destroy();
      logger.info('web stopped');
    } catch (err) {
      logger.error({ err }, 'web stopped with an error while closing');
      code = 1;
    }
    process.exit(code);
  });
  server.closeIdleConnections();
}

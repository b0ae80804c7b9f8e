import type { Server } from 'node:http';
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
  const stop = () => {
    server.close(async () => {
      await pdf.close();
      await db.destroy();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}

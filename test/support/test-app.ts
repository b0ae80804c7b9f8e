import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createApp } from '../../api/app';
import type { Config } from '../../lib/config';
import { createLogger, type Logger } from '../../lib/logger';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { FileStore } from '../../lib/storage/file-store';
import { DEFAULT_INSTANCE_NAME } from '../../lib/settings/settings-values';
import { PageRenderer } from '../../web/render';

/**
 * The real Koa app over a test database; Temporal is unreachable unless a client is given. The PDF pool
 * starts Chromium only if a test renders a preview: such a test passes its own pool and closes it.
 */
export function createTestApp(
  config: Config,
  db: Knex,
  temporalClient?: () => Promise<Client>,
  logger: Logger = createLogger('silent'),
  pdf: BrowserPool = new BrowserPool({ chromiumPath: config.pdf.chromiumPath, size: 1 }),
) {
  return createApp({
    config,
    db,
    files: new FileStore(db, config.filesDir),
    pdf,
    logger,
    pages: new PageRenderer({ instanceName: DEFAULT_INSTANCE_NAME, cache: true }),
    temporalClient: temporalClient ?? (() => Promise.reject(new Error('no Temporal in this test'))),
  });
}

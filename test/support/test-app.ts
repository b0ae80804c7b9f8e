import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createApp } from '../../api/app';
import type { Config } from '../../lib/config';
import { createLogger, type Logger } from '../../lib/logger';
import { FileStore } from '../../lib/storage/file-store';
import { PageRenderer } from '../../web/render';

/** The real Koa app over a test database; Temporal is unreachable unless a client is given. */
export function createTestApp(
  config: Config,
  db: Knex,
  temporalClient?: () => Promise<Client>,
  logger: Logger = createLogger('silent'),
) {
  return createApp({
    config,
    db,
    files: new FileStore(db, config.filesDir),
    logger,
    pages: new PageRenderer({ instanceName: 'e-Office Uji', cache: true }),
    temporalClient: temporalClient ?? (() => Promise.reject(new Error('no Temporal in this test'))),
  });
}

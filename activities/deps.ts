import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../lib/config';
import type { BrowserPool } from '../lib/pdf/browser-pool';
import type { FileStore } from '../lib/storage/file-store';

/**
 * What the worker hands its activities: one database, file store, configuration and Chromium pool, and
 * a Temporal client for activities that start other workflows (an agenda item made from a letter).
 */
export interface ActivityDeps {
  db: Knex;
  files: FileStore;
  config: Config;
  pool: BrowserPool;
  temporalClient: () => Promise<Client>;
}

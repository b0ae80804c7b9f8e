import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { waitForTemporal } from './connect';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { findTemporalCli } from './temporal-cli';

/** The embedded Temporal: the CLI's dev server with a persistent file under DATA_DIR. */
export async function startDevServer(config: Config): Promise<ChildProcess> {
  const cli = findTemporalCli(config.temporal.cli);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(config.dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(config.temporal.port),
    '--ui-port',
    String(config.temporal.uiPort),
    '--namespace',
    config.temporal.namespace,
    '--log-level',
    'error',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  const log = fs.openSync(path.join(config.dataDir, 'temporal.log'), 'a');
  const child = spawn(cli, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`Temporal dev server exited with code ${code}; see ${config.dataDir}/temporal.log`)),
    ),
  );
  await Promise.race([waitForTemporal(config.temporal.address!), exited]);
  return child;
}

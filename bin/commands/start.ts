import { fork, type ChildProcess } from 'node:child_process';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import { startDevServer } from '../../lib/temporal/start-dev-server';
import { prepareDatabase } from './prepare-database';

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopChild(child: ChildProcess | undefined, graceMs = 15_000): Promise<void> {
  if (!child) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exitOf(child);
  clearTimeout(timer);
}

/**
 * The embedded stack for one machine: Temporal dev server (unless TEMPORAL_ADDRESS is set), migrations
 * and first-start seed, then the worker and the web server as child processes. Ctrl-C stops them all.
 */
export async function runStart(config: Config, logger: Logger, entry: string): Promise<void> {
  let temporal: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let web: ChildProcess | undefined;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping e-Office');
    await stopChild(web);
    await stopChild(worker);
    await stopChild(temporal);
    process.exit(code);
  };
  // `on`, not `once`: a second Ctrl-C during shutdown must not kill this process before its children.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    if (config.temporal.embedded) {
      logger.info('starting the embedded Temporal server');
      temporal = await startDevServer(config);
    }
    await prepareDatabase(config, logger, config.demo.seed ? 'if-empty' : 'never');
    worker = fork(entry, ['worker'], { stdio: 'inherit' });
    web = fork(entry, ['web'], { stdio: 'inherit' });
  } catch (err) {
    logger.fatal({ err }, 'e-Office could not start');
    await shutdown(1);
    return;
  }
  for (const [name, child] of [
    ['temporal', temporal],
    ['worker', worker],
    ['web', web],
  ] as const) {
    child?.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ process: name, code, signal }, 'a process of e-Office stopped unexpectedly');
      void shutdown(1);
    });
  }
  const lines = [
    '',
    'e-Office Kabupaten Kuantan Singingi berjalan.',
    `  Aplikasi web : ${config.publicUrl}`,
    config.temporal.embedded
      ? `  Temporal UI  : http://127.0.0.1:${config.temporal.uiPort}`
      : `  Temporal     : ${config.temporal.address}`,
    `  Data         : ${config.dataDir}`,
    'Tekan Ctrl-C untuk berhenti.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../../lib/temporal/search-attributes';
import { findTemporalCli } from '../../lib/temporal/temporal-cli';

// Worker lifecycle chatter would drown the output of the tests that run a real worker.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed in this process (by an earlier test file)
}

/**
 * A real Temporal dev server from the project's pinned CLI (installed into .tools/ if missing), with
 * e-Office's search attributes registered as `eoffice start` does: workflows upsert them. In memory on a
 * free port, unless given a port and a data file (to restart it where it was).
 */
export function startTemporalDevServer(
  options: { port?: number; dbFilename?: string } = {},
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: findTemporalCli() },
      ip: '127.0.0.1',
      ...options,
      ui: false,
      extraArgs: Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
        '--search-attribute',
        `${name}=${type}`,
      ]),
    },
  });
}

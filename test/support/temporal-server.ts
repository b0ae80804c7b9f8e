import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalCli } from '../../lib/temporal/temporal-cli';

/** A real Temporal dev server from the project's pinned CLI (installed into .tools/ if missing). */
export function startTemporalDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: findTemporalCli() }, ip: '127.0.0.1', ui: false },
  });
}

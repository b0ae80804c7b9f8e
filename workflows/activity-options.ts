import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/common';

/** The error type of every refusal (validators and activities alike), so the API maps them in one place. */
export const REFUSED = 'refused';

// Quick at first, never for a refusal (a person's mistake, not a fault).
const retry: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  nonRetryableErrorTypes: [REFUSED],
};

// The worker heartbeats for every activity (lib/worker/activity-heartbeat-interceptor.ts): one that
// died with its worker is retried elsewhere after this, not after its start-to-close timeout.
const heartbeatTimeout = '10s';

/** A person waits on these (inside an update): a few tries, so the caller gets an answer. */
export const INTERACTIVE: ActivityOptions = {
  startToCloseTimeout: '30s',
  heartbeatTimeout,
  retry: { ...retry, maximumAttempts: 3 },
};

/** Records and notices must happen eventually once the state moved: retried (idempotent) until they do. */
export const BACKGROUND: ActivityOptions = {
  startToCloseTimeout: '30s',
  heartbeatTimeout,
  // Soon after an outage ends, not up to a minute later.
  retry: { ...retry, maximumInterval: '10s' },
};

/** The same as local activities: run by the worker that runs the workflow, no server round trip each. */
export const LOCAL_BACKGROUND: LocalActivityOptions = { startToCloseTimeout: '30s', retry };
export const LOCAL_INTERACTIVE: LocalActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { ...retry, maximumAttempts: 3 },
};

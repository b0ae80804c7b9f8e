import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { connectClient } from '../temporal/connect';

/** Connects on first use and again after a failed attempt, so the web starts even while Temporal is down. */
export function lazyTemporalClient(config: Config): () => Promise<Client> {
  let pending: Promise<Client> | undefined;
  return () => {
    pending ??= connectClient(config.temporal).catch((err) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

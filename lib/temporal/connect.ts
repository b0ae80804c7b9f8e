import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';

export async function connectClient(address: string, namespace: string): Promise<Client> {
  // Short, so /ready answers promptly while Temporal is down; the web retries on the next request.
  const connection = await Connection.connect({ address, connectTimeout: 3000 });
  return new Client({ connection, namespace });
}

/** Retries until the server answers; a freshly started server takes a few seconds. */
export async function waitForTemporal(address: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`Temporal at ${address} did not answer: ${(err as Error).message}`);
      await sleep(500);
    }
  }
}

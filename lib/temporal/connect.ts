import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { Config, TemporalTls } from '../config';

/** The SDK's TLS options from the configured PEM files (read at connect time, so renewed files count). */
export function temporalTlsOptions(tls: TemporalTls | undefined): TLSConfig | undefined {
  if (!tls) return undefined;
  return {
    serverNameOverride: tls.serverName,
    serverRootCACertificate: tls.caFile ? fs.readFileSync(tls.caFile) : undefined,
    clientCertPair:
      tls.certFile && tls.keyFile
        ? { crt: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) }
        : undefined,
  };
}

export async function connectClient(temporal: Config['temporal']): Promise<Client> {
  // Short, so /ready answers promptly while Temporal is down; the web retries on the next request.
  const connection = await Connection.connect({
    address: temporal.address,
    tls: temporalTlsOptions(temporal.tls),
    connectTimeout: 3000,
  });
  return new Client({ connection, namespace: temporal.namespace });
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

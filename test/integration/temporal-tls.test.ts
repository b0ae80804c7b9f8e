import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { Config, TemporalTls } from '../../lib/config';
import { connectClient, temporalTlsOptions } from '../../lib/temporal/connect';
import { startTemporalDevServer } from '../support/temporal-server';

/**
 * Pointing e-Office at an existing Temporal cluster behind mutual TLS (TEMPORAL_TLS_* settings): a TLS
 * front (Node's tls server, HTTP/2 by ALPN, client certificates required) passes the decrypted stream
 * to a real dev server. The web's client and the worker's native connection both get through with the
 * configured CA, client certificate and server name; without the client certificate, or without the
 * private CA, they are turned away.
 */

jest.setTimeout(60_000);

const SERVER_NAME = 'temporal.kuansingkab.test';

let temporal: TestWorkflowEnvironment;
let front: tls.Server;
let address: string;
let dir: string;
let files: Required<Omit<TemporalTls, 'serverName'>>;

/** A private CA, a server certificate for SERVER_NAME and a client certificate, made with openssl. */
function makeCertificates(): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Uji CA Temporal'],
    ...['-keyout', 'ca.key', '-out', 'ca.pem'],
  );
  for (const [name, subject, ext] of [
    ['server', `/CN=${SERVER_NAME}`, `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth`],
    ['client', '/CN=eoffice-worker', 'extendedKeyUsage=clientAuth'],
  ]) {
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    openssl(
      ...['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'],
      ...['-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.pem`],
    );
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-temporal-tls-'));
  makeCertificates();
  files = {
    caFile: path.join(dir, 'ca.pem'),
    certFile: path.join(dir, 'client.pem'),
    keyFile: path.join(dir, 'client.key'),
  };
  temporal = await startTemporalDevServer();
  const [host, port] = temporal.connection.options.address.split(':');
  front = tls.createServer(
    {
      key: fs.readFileSync(path.join(dir, 'server.key')),
      cert: fs.readFileSync(path.join(dir, 'server.pem')),
      ca: fs.readFileSync(files.caFile),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = net.connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      const close = () => (socket.destroy(), upstream.destroy());
      socket.on('error', close);
      upstream.on('error', close);
    },
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(front.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  front?.close();
  await temporal?.teardown();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const temporalConfig = (tlsConfig: TemporalTls): Config['temporal'] => ({
  address,
  embedded: false,
  namespace: 'default',
  taskQueue: 'eoffice',
  port: 7233,
  uiPort: 8233,
  tls: tlsConfig,
});

it('lets the web’s client through with the CA, the client certificate and the server name', async () => {
  const client = await connectClient(temporalConfig({ ...files, serverName: SERVER_NAME }));
  try {
    const info = await client.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+/);
    // A namespace-scoped call answers too.
    expect((await client.workflow.count()).count).toBeGreaterThanOrEqual(0);
  } finally {
    await client.connection.close();
  }
});

it('lets the worker’s native connection through the same way', async () => {
  const connection = await NativeConnection.connect({
    address,
    tls: temporalTlsOptions({ ...files, serverName: SERVER_NAME }),
  });
  try {
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+/);
  } finally {
    await connection.close();
  }
});

it('is turned away without the client certificate, or without the private CA', async () => {
  const withoutCertificate = { caFile: files.caFile, serverName: SERVER_NAME };
  await expect(connectClient(temporalConfig(withoutCertificate))).rejects.toThrow();
  const withoutCa = { certFile: files.certFile, keyFile: files.keyFile, serverName: SERVER_NAME };
  await expect(connectClient(temporalConfig(withoutCa))).rejects.toThrow();
});

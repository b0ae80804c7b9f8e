import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SmartRow } from '../fixtures/smart/generate-smart-export';

export const SMART_TOKEN = 'smart-token-uji-2026';
export const SMART_FIXTURES = path.join(__dirname, '..', 'fixtures', 'smart');

/** The committed export's rows (staff.json). */
export function smartFixtureRows(): SmartRow[] {
  return (
    JSON.parse(fs.readFileSync(path.join(SMART_FIXTURES, 'staff.json'), 'utf8')) as { data: SmartRow[] }
  ).data;
}

export interface SmartServer {
  url: string;
  /** What the next requests get: `{data: rows}`. */
  serve(rows: SmartRow[]): void;
  /** The token it accepts from now on (SMART rotated its token: e-Office's is now wrong). */
  acceptToken(token: string): void;
  /** Requests seen, with the Authorization header each carried. */
  requests: { authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A stand-in for the regency's SMART staff endpoint: a real HTTP server on a free local port answering
 * GET /api/pegawai with the export as JSON, and 401 to a request without the right bearer token.
 */
export async function startSmartServer(rows: SmartRow[] = smartFixtureRows()): Promise<SmartServer> {
  let body = JSON.stringify({ data: rows });
  let token = SMART_TOKEN;
  const requests: SmartServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ authorization: req.headers.authorization });
    if (req.url !== '/api/pegawai') {
      res.writeHead(404).end();
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/pegawai`,
    serve: (next) => {
      body = JSON.stringify({ data: next });
    },
    acceptToken: (next) => {
      token = next;
    },
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

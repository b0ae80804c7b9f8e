import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freeStackPorts,
  portIsFree,
  requireBuiltCli,
  startStack,
  type RunningStack,
  type StackPorts,
} from '../support/run-stack';

/**
 * The shipped `eoffice start` (compiled, embedded Temporal, SQLite) survives a stop and a start on the
 * same DATA_DIR: sessions persist, the demo regency is not seeded twice, Temporal keeps its file.
 */
const DEMO_PASSWORD = 'Uji-Restart#2026';
const DEMO_USERS = 49; // 6 OPDs × 8 people + superadmin
const DISDIK_USERS = 8;

let dataDir: string;
let logFile: string;
let ports: StackPorts;
let stack: RunningStack | undefined;

interface Json {
  status: number;
  body: Record<string, unknown> & { total?: number; items?: { opd?: { code?: string } }[] };
}

async function api(
  method: string,
  urlPath: string,
  options: { token?: string; json?: unknown } = {},
): Promise<Json> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack!.baseUrl}${urlPath}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function tokenFor(username: string): Promise<string> {
  const res = await api('POST', '/api/v1/auth/token', { json: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(201);
  expect(res.body.token).toEqual(expect.any(String));
  return res.body.token as string;
}

async function launch(): Promise<RunningStack> {
  stack = startStack({ dataDir, ports, logFile, demoPassword: DEMO_PASSWORD });
  const ready = await stack.waitReady(90_000);
  expect(ready).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok', worker: 'ok' } });
  return stack;
}

/** Stops with SIGTERM and checks that everything is gone: exit 0, no process left, ports free. */
async function stopCleanly(s: RunningStack): Promise<void> {
  const exit = await s.stop(45_000);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(await s.waitGroupGone(10_000)).toBe(true);
  for (const [name, port] of Object.entries(ports)) {
    expect({ name, port, free: await portIsFree(port) }).toEqual({ name, port, free: true });
  }
}

beforeAll(async () => {
  requireBuiltCli();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eoffice-restart-'));
  logFile = path.join(dataDir, 'stack.log');
  ports = await freeStackPorts();
});

afterAll(async () => {
  await stack?.kill();
  // KEEP_E2E_DATA=1 keeps the data directory (databases, stack.log, temporal.log) for a look afterwards.
  if (dataDir && !process.env.KEEP_E2E_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('eoffice start, stop and start again on the same DATA_DIR', () => {
  let adminToken: string;
  let me: Json['body'];
  let disdikUsers: number;

  test('the first start seeds the demo regency and becomes ready', async () => {
    const s = await launch();
    const output = s.output();
    expect(output).toContain('e-Office Kabupaten Kuantan Singingi berjalan.');
    expect(output).toContain(`Aplikasi web : http://127.0.0.1:${ports.web}`);
    expect(output).toContain(`Temporal UI  : http://127.0.0.1:${ports.temporalUi}`);
    expect(output).toContain('demo regency seeded');

    adminToken = await tokenFor('admin.disdik');
    const meRes = await api('GET', '/api/v1/me', { token: adminToken });
    expect(meRes.status).toBe(200);
    expect(meRes.body).toMatchObject({ username: 'admin.disdik' });
    me = meRes.body;

    const users = await api('GET', '/api/v1/users', { token: adminToken });
    expect(users.status).toBe(200);
    expect(users.body.total).toBe(DISDIK_USERS);
    expect(new Set(users.body.items!.map((u) => u.opd?.code))).toEqual(new Set(['DISDIK']));
    disdikUsers = users.body.total!;

    const all = await api('GET', '/api/v1/users?pageSize=200', { token: await tokenFor('superadmin') });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(DEMO_USERS);
  }, 120_000);

  test('SIGTERM stops web, worker and Temporal cleanly', async () => {
    await stopCleanly(stack!);
    expect(stack!.output()).toContain('stopping e-Office');
  }, 60_000);

  test('the second start keeps sessions, users and the Temporal database', async () => {
    const s = await launch();
    const output = s.output();
    expect(output).toContain('e-Office Kabupaten Kuantan Singingi berjalan.');
    expect(output).not.toContain('demo regency seeded');
    expect(output).not.toContain('migrations applied');

    const meRes = await api('GET', '/api/v1/me', { token: adminToken });
    expect(meRes.status).toBe(200);
    expect(meRes.body).toEqual(me);

    const users = await api('GET', '/api/v1/users', { token: adminToken });
    expect(users.status).toBe(200);
    expect(users.body.total).toBe(disdikUsers);

    const all = await api('GET', '/api/v1/users?pageSize=200', { token: await tokenFor('superadmin') });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(DEMO_USERS);

    const temporalDb = path.join(dataDir, 'temporal.db');
    expect(fs.existsSync(temporalDb)).toBe(true);
    expect(fs.statSync(temporalDb).size).toBeGreaterThan(0);
    expect(fs.statSync(path.join(dataDir, 'eoffice.sqlite')).size).toBeGreaterThan(0);

    await stopCleanly(s);
  }, 150_000);
});

/**
 * The staff sync through the API, the real worker and a real Temporal dev server, against a local SMART
 * stand-in: an on-demand run reaches 'finished' with its report, an upload runs from the file store,
 * SMART refusing the token ends as a failed run with the reason, only the superadmin gets in, and a
 * binary dressed up as .csv is refused before anything is stored.
 */
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { staffSyncWorkflowId } from '../../workflows/staff-sync';
import { loginTokens, tinyPdf } from '../support/incoming-api';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { SMART_FIXTURES, SMART_TOKEN, startSmartServer, type SmartServer } from '../support/smart-server';

jest.setTimeout(180_000);

let smart: SmartServer;
let stack: LetterStack;
let base: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  smart = await startSmartServer();
  stack = await startLetterStack({ env: { SMART_URL: smart.url, SMART_TOKEN } });
  base = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  tokens = await loginTokens(base, ['superadmin', 'admin.diskominfo', 'staf1.diskominfo']);
});
afterAll(async () => {
  await stack?.stop();
  await smart?.close();
});

const call = (username: string, method: string, route: string, body?: FormData) =>
  fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${tokens[username]}` }, body });

function upload(username: string, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return call(username, 'POST', '/api/v1/staff-sync/upload', form);
}

async function waitForRun(runId: number) {
  for (let i = 0; i < 120; i++) {
    const run = await (await call('superadmin', 'GET', `/api/v1/staff-sync/runs/${runId}`)).json();
    if (run.status === 'finished' || run.status === 'failed') return run;
    await sleep(250);
  }
  throw new Error(`run ${runId} did not end`);
}

const accountCount = async () => Number((await stack.t.db('users').count({ n: '*' }))[0].n);

test('an on-demand sync from SMART runs in its workflow and reaches finished with the report', async () => {
  const res = await call('superadmin', 'POST', '/api/v1/staff-sync');
  expect(res.status).toBe(202);
  const { runId } = await res.json();
  const run = await waitForRun(runId);
  expect(run).toMatchObject({
    status: 'finished',
    source: 'smart',
    triggeredBy: { name: 'Administrator Sistem e-Office' },
    progress: { total: 400, processed: 400, percent: 100 },
    counts: { created: 383, updated: 2, unchanged: 0, deactivated: 0, rejected: 15 },
  });
  expect(run.rejections).toHaveLength(15);
  expect(run.rejections[0]).toEqual({
    row: expect.any(Number),
    nip: expect.any(String),
    reason: expect.any(String),
  });
  const client = await stack.client();
  expect(await client.workflow.getHandle(staffSyncWorkflowId(runId)).result()).toMatchObject({
    created: 383,
  });

  const list = await (await call('superadmin', 'GET', '/api/v1/staff-sync/runs?pageSize=1')).json();
  expect(list).toMatchObject({ total: 1, page: 1, pageSize: 1, items: [{ id: runId, status: 'finished' }] });
});

test('an uploaded CSV and XLSX run from the file store: the same export changes nothing', async () => {
  for (const name of ['staff.csv', 'staff.xlsx']) {
    const res = await upload('superadmin', fs.readFileSync(path.join(SMART_FIXTURES, name)), name);
    expect(res.status).toBe(202);
    const run = await waitForRun((await res.json()).runId);
    expect(run).toMatchObject({
      status: 'finished',
      source: name.endsWith('.csv') ? 'csv' : 'xlsx',
      counts: { created: 0, updated: 0, unchanged: 385, deactivated: 0, rejected: 15 },
    });
  }
});

test('SMART refusing the token ends as a failed run with the reason; nothing changes', async () => {
  const before = await accountCount();
  const audits = await stack.t.db('audit_log').whereLike('action', 'staff.%').count({ n: '*' });
  const asked = smart.requests.length;
  smart.acceptToken('token-baru-smart');
  try {
    const { runId } = await (await call('superadmin', 'POST', '/api/v1/staff-sync')).json();
    const run = await waitForRun(runId);
    expect(run).toMatchObject({
      status: 'failed',
      message: 'SMART menolak akses (HTTP 401): periksa SMART_TOKEN.',
    });
  } finally {
    smart.acceptToken(SMART_TOKEN);
  }
  // The activity's retry policy asked three times, always with the configured token, before giving up.
  expect(smart.requests.slice(asked)).toEqual(Array(3).fill({ authorization: `Bearer ${SMART_TOKEN}` }));
  expect(await accountCount()).toBe(before);
  expect(await stack.t.db('audit_log').whereLike('action', 'staff.%').count({ n: '*' })).toEqual(audits);
});

test('only the superadmin reaches the staff sync routes', async () => {
  for (const username of ['admin.diskominfo', 'staf1.diskominfo']) {
    for (const [method, route] of [
      ['POST', '/api/v1/staff-sync'],
      ['POST', '/api/v1/staff-sync/upload'],
      ['GET', '/api/v1/staff-sync/runs'],
      ['GET', '/api/v1/staff-sync/runs/1'],
      ['GET', '/admin/smart'],
      ['GET', '/admin/smart/proses/1'],
    ]) {
      const res = await call(username, method, route);
      expect([username, route, res.status]).toEqual([username, route, 403]);
    }
  }
  const anonymous = await fetch(`${base}/api/v1/staff-sync/runs`);
  expect(anonymous.status).toBe(401);
});

test('a binary renamed .csv is refused with 415 and nothing is stored', async () => {
  const files = await stack.t.db('files').count({ n: '*' });
  const runs = await stack.t.db('staff_sync_runs').count({ n: '*' });
  for (const bytes of [tinyPdf('smart'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])]) {
    const res = await upload('superadmin', bytes, 'pegawai.csv');
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toBe(
      'Jenis berkas tidak didukung. Unggah berkas CSV atau XLSX.',
    );
  }
  expect(await stack.t.db('files').count({ n: '*' })).toEqual(files);
  expect(await stack.t.db('staff_sync_runs').count({ n: '*' })).toEqual(runs);
});

test('the pages show the history and a run with its rejected rows', async () => {
  const index = await (await call('superadmin', 'GET', '/admin/smart')).text();
  expect(index).toContain('Sinkronkan dari SMART');
  expect(index).toContain('data-testid="runs"');
  const latest = await stack.t.db('staff_sync_runs').where({ status: 'finished' }).orderBy('id').first('id');
  const page = await (await call('superadmin', 'GET', `/admin/smart/proses/${latest.id}`)).text();
  expect(page).toContain('OPD tidak dikenal (DISHUB)');
  expect(page).toContain('data-testid="run-counts"');
});

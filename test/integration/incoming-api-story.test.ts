import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startIncomingWorkflow } from '../../lib/temporal/incoming-workflow-client';
import {
  formOf,
  loginTokens,
  paperMeta,
  postForm,
  registerPaperLetter,
  tinyPdf,
} from '../support/incoming-api';
import { createDeliveredIncoming, createIncomingRow } from '../support/incoming';
import { LettersApi } from '../support/letter-story';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { DEMO_PASSWORD } from '../support/seeded';

/**
 * The incoming-letter story through the JSON API on MariaDB, with a Temporal dev server and the real
 * worker: the bagian umum registers a paper letter with its scan (agenda number) and dispositions it to
 * the secretary; the secretary forwards it to the head; the head forwards it to two staff with an
 * instruction, a note and a due date; each reads it (the read receipt shows in the tree); one reports the
 * follow-up with a file, the other forwards it to a third who reports; then every branch is done and
 * the letter closes by itself, the tree showing every node done with its times. Also: the head closing a
 * letter with dispositions still open, a delivered letter in the admin's register, and the
 * notification preferences.
 */

jest.setTimeout(180_000);

const ADMIN = 'admin.diskominfo';
const SECRETARY = 'sekretaris.diskominfo';
const HEAD = 'kepala.diskominfo';
const STAFF = ['staf1.diskominfo', 'staf2.diskominfo', 'staf3.diskominfo'] as const;

let stack: LetterStack;
let baseUrl: string;
let api: LettersApi;
let tokens: Record<string, string>;

beforeAll(async () => {
  stack = await startLetterStack({ kind: 'mysql' });
  baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
  api = new LettersApi(baseUrl);
  await api.login([ADMIN, SECRETARY, HEAD, ...STAFF], DEMO_PASSWORD);
  tokens = await loginTokens(baseUrl, [ADMIN, STAFF[0]]);
});

afterAll(() => stack?.stop());

// The API's JSON, as the test reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function detail(user: string, id: number) {
  return (await api.expect(user, 'get', `/api/v1/incoming/${id}`)).body;
}

/** Polls the letter until its status is `status` (the workflow closes it on its own, a moment later). */
async function waitForStatus(user: string, id: number, status: string) {
  for (let i = 0; i < 200; i++) {
    const body = await detail(user, id);
    if (body.status === status) return body;
    await sleep(50);
  }
  throw new Error(`incoming ${id} never became ${status}`);
}

test('paper letter: admin → secretary → head → two staff (one forwards to a third); closes when all are done', async () => {
  const scan = tinyPdf('story');
  const created = await postForm(
    baseUrl,
    tokens[ADMIN],
    '/api/v1/incoming',
    formOf(paperMeta({ subject: 'Undangan Rapat Evaluasi SPBE' }), {
      field: 'scan',
      bytes: scan,
      name: 'undangan.pdf',
      type: 'application/pdf',
    }),
  );
  expect(created.status).toBe(201);
  expect(created.body).toEqual({
    id: expect.any(Number),
    agendaNumber: expect.stringMatching(/^\d{4}\/\d{4}$/),
    status: 'registered',
  });
  const id: number = created.body.id;
  const base = `/api/v1/incoming/${id}`;

  const atAdmin = await detail(ADMIN, id);
  expect(atAdmin).toMatchObject({
    status: 'registered',
    agendaNumber: created.body.agendaNumber,
    source: 'paper',
    subject: 'Undangan Rapat Evaluasi SPBE',
    readAt: expect.any(String),
    can: { register: false, dispose: true, close: false },
  });
  const inBox = (await api.expect(ADMIN, 'get', '/api/v1/incoming?box=opd&q=Evaluasi+SPBE')).body.items;
  expect(inBox.map((i: Node) => i.id)).toEqual([id]);

  // The bagian umum → the secretary.
  const [toSecretary] = (
    await api.expect(
      ADMIN,
      'post',
      `${base}/dispositions`,
      { toUserIds: [api.id(SECRETARY)], instruction: 'Untuk diproses sesuai ketentuan' },
      201,
    )
  ).body.ids;
  const atSecretary = await detail(SECRETARY, id);
  expect(atSecretary.myOpenDispositions).toEqual([toSecretary]);
  expect(atSecretary.can).toEqual({ register: false, dispose: true, close: false });
  await api.expect(SECRETARY, 'post', `/api/v1/dispositions/${toSecretary}/read`, {});

  // The secretary holds exactly one open disposition: disposing again is forwarding it, to the head.
  const [toHead] = (
    await api.expect(
      SECRETARY,
      'post',
      `${base}/dispositions`,
      { toUserIds: [api.id(HEAD)], instruction: 'Untuk diproses sesuai ketentuan' },
      201,
    )
  ).body.ids;
  expect((await detail(HEAD, id)).can).toEqual({ register: false, dispose: true, close: true });
  await api.expect(HEAD, 'post', `/api/v1/dispositions/${toHead}/read`, {});

  // The head → two staff, with instruction, note and due date.
  const dueDate = inDays(5);
  const forwarded = await api.expect(
    HEAD,
    'post',
    `/api/v1/dispositions/${toHead}/forward`,
    {
      toUserIds: [api.id(STAFF[0]), api.id(STAFF[1])],
      instruction: 'Siapkan jawaban',
      note: 'Koordinasikan dengan bidang aplikasi informatika.',
      dueAt: dueDate,
    },
    201,
  );
  const [toStaff1, toStaff2] = forwarded.body.ids;
  expect(forwarded.body.state).toMatchObject({ status: 'forwarded', childIds: [toStaff1, toStaff2] });

  const mine = (await api.expect(STAFF[0], 'get', '/api/v1/incoming?box=mine')).body.items;
  expect(mine).toEqual([
    expect.objectContaining({ id, disposition: expect.objectContaining({ id: toStaff1 }) }),
  ]);
  const unread = await api.expect(STAFF[0], 'get', `/api/v1/dispositions/${toStaff1}`);
  expect(unread.body).toMatchObject({
    status: 'unread',
    readAt: null,
    instruction: 'Siapkan jawaban',
    note: 'Koordinasikan dengan bidang aplikasi informatika.',
    dueAt: new Date(`${dueDate}T23:59:00+07:00`).toISOString(),
  });

  // Each reads it: the read receipt shows to the giver.
  for (const [user, disposition] of [
    [STAFF[0], toStaff1],
    [STAFF[1], toStaff2],
  ] as const) {
    const read = await api.expect(user, 'post', `/api/v1/dispositions/${disposition}/read`, {});
    expect(read.body.status).toBe('read');
  }
  const headView = flat((await detail(HEAD, id)).dispositions);
  for (const d of [toStaff1, toStaff2]) {
    expect(headView.find((n) => n.id === d)).toMatchObject({ status: 'read', readAt: expect.any(String) });
  }

  // staf1 reports with a file.
  const report = tinyPdf('laporan');
  const followed = await postForm(
    baseUrl,
    tokens[STAFF[0]],
    `/api/v1/dispositions/${toStaff1}/follow-up`,
    formOf(
      { report: 'Draf jawaban telah disiapkan, terlampir.' },
      {
        field: 'file',
        bytes: report,
        name: 'draf-jawaban.pdf',
        type: 'application/pdf',
      },
    ),
  );
  expect(followed.status).toBe(200);
  expect(followed.body.status).toBe('done');

  // staf2 forwards to staf3, who reports (JSON, no file).
  const [toStaff3] = (
    await api.expect(
      STAFF[1],
      'post',
      `/api/v1/dispositions/${toStaff2}/forward`,
      { toUserIds: [api.id(STAFF[2])], instruction: 'Untuk ditindaklanjuti', dueAt: inDays(3) },
      201,
    )
  ).body.ids;
  expect((await detail(STAFF[2], id)).myOpenDispositions).toEqual([toStaff3]);
  await api.expect(STAFF[2], 'post', `/api/v1/dispositions/${toStaff3}/read`, {});
  await api.expect(STAFF[2], 'post', `/api/v1/dispositions/${toStaff3}/follow-up`, {
    report: 'Data pendukung sudah dikirim ke sekretariat.',
  });

  // Every branch done: the letter closes by itself.
  const closed = await waitForStatus(HEAD, id, 'closed');
  expect(closed.closedAt).toEqual(expect.any(String));
  expect(closed.can).toEqual({ register: false, dispose: false, close: false });
  const nodes = flat(closed.dispositions);
  expect(nodes.map((n) => n.id).sort((a, b) => a - b)).toEqual(
    [toSecretary, toHead, toStaff1, toStaff2, toStaff3].sort((a, b) => a - b),
  );
  for (const n of nodes) {
    expect(n).toMatchObject({
      status: 'done',
      createdAt: expect.any(String),
      readAt: expect.any(String),
      finishedAt: expect.any(String),
    });
  }
  expect(closed.dispositions.map((n: Node) => n.id)).toEqual([toSecretary]);
  const staff1Node = nodes.find((n) => n.id === toStaff1);
  expect(staff1Node.followUp).toMatchObject({
    report: 'Draf jawaban telah disiapkan, terlampir.',
    files: [{ fileId: expect.any(Number), name: 'draf-jawaban.pdf' }],
  });
  expect(nodes.find((n) => n.id === toStaff3).followUp.report).toBe(
    'Data pendukung sudah dikirim ke sekretariat.',
  );

  // The follow-up's file and the scan come back byte for byte to those involved.
  const fileOf = async (path: string, token: string) => {
    const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const attached = await fileOf(`${base}/files/${staff1Node.followUp.files[0].fileId}`, tokens[ADMIN]);
  expect(attached.status).toBe(200);
  expect(attached.bytes.equals(report)).toBe(true);
  expect((await fileOf(`${base}/scan`, tokens[STAFF[0]])).bytes.equals(scan)).toBe(true);

  // Notices along the way: the head heard of staf1's report.
  const notices = (await api.expect(HEAD, 'get', '/api/v1/notifications')).body.items;
  expect(notices.map((n: Node) => n.kind)).toEqual(expect.arrayContaining(['disposition', 'followed_up']));
  expect(notices.every((n: Node) => n.link === `/surat-masuk/${id}`)).toBe(true);

  // Closed is final.
  const late = await api.call(ADMIN, 'post', `${base}/dispositions`, {
    toUserIds: [api.id(SECRETARY)],
    instruction: 'Untuk diketahui',
  });
  expect(late.status).toBe(409);
});

test('the head closes a letter whose dispositions are still open', async () => {
  const { id } = await registerPaperLetter(baseUrl, tokens[ADMIN], {
    subject: 'Pemberitahuan Libur Nasional',
  });
  const base = `/api/v1/incoming/${id}`;
  const [toSecretary] = (
    await api.expect(
      ADMIN,
      'post',
      `${base}/dispositions`,
      { toUserIds: [api.id(SECRETARY)], instruction: 'Untuk diketahui' },
      201,
    )
  ).body.ids;
  const [toHead] = (
    await api.expect(
      SECRETARY,
      'post',
      `${base}/dispositions`,
      { toUserIds: [api.id(HEAD)], instruction: 'Untuk diketahui' },
      201,
    )
  ).body.ids;
  const closed = await api.expect(HEAD, 'post', `${base}/close`, { note: 'Cukup diketahui.' });
  expect(closed.body.status).toBe('closed');
  const after = await detail(ADMIN, id);
  expect(after).toMatchObject({
    status: 'closed',
    closedBy: { id: api.id(HEAD) },
    closeNote: 'Cukup diketahui.',
  });
  const statuses = Object.fromEntries(flat(after.dispositions).map((n) => [n.id, n.status]));
  expect(statuses).toEqual({ [toSecretary]: 'closed', [toHead]: 'closed' });
});

test('a delivered letter waits in the admin’s register and is registered there', async () => {
  const id = await createDeliveredIncoming(stack.t.db, {
    opdCode: 'DISKOMINFO',
    senderCode: 'DISDIK',
    subject: 'Permohonan Data Sekolah Terhubung Internet',
  });
  await startIncomingWorkflow(await stack.client(), stack.t.db, stack.t.config, {
    incomingId: id,
    opdId: stack.opd.DISKOMINFO,
  });
  const box = (await api.expect(ADMIN, 'get', '/api/v1/incoming?box=opd&status=received')).body.items;
  expect(box).toEqual([
    expect.objectContaining({ id, source: 'delivery', status: 'received', agendaNumber: null }),
  ]);
  expect((await detail(ADMIN, id)).can).toEqual({ register: true, dispose: false, close: false });

  const registered = await api.expect(ADMIN, 'post', `/api/v1/incoming/${id}/register`, {
    receivedAt: new Date().toISOString().slice(0, 10),
  });
  expect(registered.body).toEqual({
    id,
    agendaNumber: expect.stringMatching(/^\d{4}\/\d{4}$/),
    status: 'registered',
  });
  const again = await api.call(ADMIN, 'post', `/api/v1/incoming/${id}/register`, {});
  expect(again.status).toBe(409);
  const future = await api.call(ADMIN, 'post', `/api/v1/incoming/${id}/register`, { receivedAt: inDays(2) });
  expect(future.status).toBe(400);
});

test('a paper letter stored while its workflow could not start is registered from its page later', async () => {
  // As POST /incoming leaves it when Temporal is unreachable after the row was stored: no workflow yet.
  const id = await createIncomingRow(stack.t.db, { opdId: stack.opd.DISKOMINFO, source: 'paper' });
  const client = await stack.client();
  await expect(client.workflow.getHandle(`incoming-${id}`).describe()).rejects.toThrow(/not found/i);

  const registered = await api.expect(ADMIN, 'post', `/api/v1/incoming/${id}/register`, {});
  expect(registered.body).toEqual({
    id,
    agendaNumber: expect.stringMatching(/^\d{4}\/\d{4}$/),
    status: 'registered',
  });
  expect((await client.workflow.getHandle(`incoming-${id}`).describe()).status.name).toBe('RUNNING');
  expect((await api.call(ADMIN, 'post', `/api/v1/incoming/${id}/register`, {})).status).toBe(409);
});

test('notification preferences: in-app only by default, e-mail on request', async () => {
  const path = '/api/v1/notification-preferences';
  const put = async (body: unknown) => {
    const res = await fetch(baseUrl + path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[STAFF[0]]}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  expect((await api.expect(STAFF[0], 'get', path)).body).toEqual({ emailEnabled: false });
  expect((await put({ emailEnabled: 'ya' })).status).toBe(400);
  expect(await put({ emailEnabled: true })).toEqual({ status: 200, body: { emailEnabled: true } });
  expect((await api.expect(STAFF[0], 'get', path)).body).toEqual({ emailEnabled: true });
  expect((await api.expect(STAFF[1], 'get', path)).body).toEqual({ emailEnabled: false });
});

test('the OpenAPI document lists every incoming, disposition, event and preference route', async () => {
  const { paths } = (await api.expect(ADMIN, 'get', '/api/v1/openapi.json')).body;
  const methods = (path: string) => Object.keys(paths[path] ?? {}).sort();
  expect(methods('/api/v1/incoming')).toEqual(['get', 'post']);
  expect(methods('/api/v1/incoming/{id}')).toEqual(['get']);
  for (const action of ['register', 'dispositions', 'close']) {
    expect(methods(`/api/v1/incoming/{id}/${action}`)).toEqual(['post']);
  }
  expect(methods('/api/v1/incoming/{id}/scan')).toEqual(['get']);
  expect(methods('/api/v1/incoming/{id}/files/{fileId}')).toEqual(['get']);
  expect(methods('/api/v1/dispositions/{id}')).toEqual(['get']);
  for (const action of ['read', 'follow-up', 'forward', 'close', 'recall']) {
    expect(methods(`/api/v1/dispositions/{id}/${action}`)).toEqual(['post']);
  }
  expect(methods('/api/v1/disposition-receivers')).toEqual(['get']);
  expect(methods('/api/v1/events')).toEqual(['get']);
  expect(methods('/api/v1/notification-preferences')).toEqual(['get', 'put']);
});

import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { queryLetterState } from '../../lib/temporal/letter-workflow-client';
import { REFUSAL } from '../../workflows/outgoing-letter-types';
import {
  castMembers,
  diskominfoCast,
  driveLetter,
  letterBody,
  LettersApi,
  waitForStatus,
  type ApiResponse,
  type DrivenLetter,
  type Method,
} from '../support/letter-story';
import { TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import type { TestDatabase } from '../support/test-database';

/**
 * The authorization matrix of the letter actions (api/routes/letters.ts) on a real stack: SQLite, a
 * Temporal dev server, the real worker and app, Chromium and a real certificate. SQLite because no case
 * here is about concurrent transactions (letters-concurrency.test.ts covers those on MariaDB) and it
 * saves the per-file database set-up. Every action is tried without a token (401), by the wrong role
 * (403), by wrong people who hold the right role (a verifier out of turn, a verifikator or penandatangan
 * of the same OPD who was not chosen, another OPD's admin_opd, the superadmin, a party at the wrong
 * step), by the same role in another OPD (404, the same answer as for a letter that does not exist),
 * and by the right person (2xx). After every refusal nothing changed: the workflow states, the letters
 * and letter_steps rows, and the row counts of versions, number register, audit log, grants,
 * signatures and notifications.
 */

// Expected refusals (activity warnings) and the worker's state changes would drown the output.

type Stage = 'draft' | 'verifying' | 'numbering' | 'signing';

/** What a case's body function may use: the letter acted on, and the API for ids. */
interface Ctx {
  letter: DrivenLetter;
  api: LettersApi;
}

interface Person {
  user: string;
  status: number;
  /** Why this person is wrong (the case's name). */
  why: string;
  /** A different letter state than the row's (a party at the wrong step). */
  stage?: Stage;
  /** The refusal's message, when the workflow gives one. */
  message?: string;
}

/** One action of the API: adding an action to the matrix is one more row here. */
interface ActionRow {
  action: string;
  method: Method;
  path: (letterId: number) => string;
  stage: Stage;
  body?: (c: Ctx) => unknown;
  right: { user: string; status: number; then?: (res: ApiResponse, c: Ctx) => Promise<void> | void };
  /** A caller lacking the route's role (null: the route is open to any signed-in user). */
  wrongRole: string | null;
  wrongPeople: Person[];
  /** The same role in another OPD. */
  otherOpd: string;
  /** Whether the action changes the letter (a successful call then gets a fresh letter of its own). */
  mutates: boolean;
}

const DRAFTER = 'staf1.diskominfo';
const V1 = 'verifikator1.diskominfo';
const V2 = 'verifikator2.diskominfo';
const ADMIN = 'admin.diskominfo';
const SIGNER = 'kepala.diskominfo';
/** Given the verifikator and penandatangan roles in set-up: of the same OPD, but never chosen. */
const UNCHOSEN = 'sekretaris.diskominfo';

let opd: Record<string, number> = {};
const edit = (c: Ctx) => ({
  ...letterBody({ recipients: [opd.DISDIK, opd.DINKES], cc: [opd.SETDA] }),
  subject: 'Permintaan Data Kepegawaian (perbaikan)',
  baseVersionNo: c.letter.versionNo,
});
const submit = (c: Ctx) => ({
  baseVersionNo: c.letter.versionNo,
  verifierIds: [c.api.id(V1), c.api.id(V2)],
  signerId: c.api.id(SIGNER),
});
const approve = (c: Ctx) => ({ baseVersionNo: c.letter.versionNo, decision: 'approve' });
const giveBack = (c: Ctx) => ({
  baseVersionNo: c.letter.versionNo,
  decision: 'return',
  note: 'Lengkapi dasar hukumnya.',
});

const ACTIONS: ActionRow[] = [
  {
    action: 'PATCH edit',
    method: 'patch',
    path: (id) => `/api/v1/letters/${id}`,
    stage: 'draft',
    body: edit,
    right: { user: DRAFTER, status: 200, then: (res) => expect(res.body.versionNo).toBe(2) },
    wrongRole: SIGNER,
    wrongPeople: [
      { user: 'staf2.diskominfo', status: 404, why: 'an ASN of the same OPD, not the drafter' },
      {
        user: ADMIN,
        status: 409,
        why: 'the bagian umum (a party), not the drafter',
        message: REFUSAL.notDrafter,
      },
      { user: 'superadmin', status: 409, why: 'the superadmin', message: REFUSAL.notDrafter },
      {
        user: DRAFTER,
        status: 409,
        why: 'the drafter once submitted',
        stage: 'verifying',
        message: REFUSAL.notEditable,
      },
    ],
    otherOpd: 'staf1.disdik',
    mutates: true,
  },
  {
    action: 'POST submit',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/submit`,
    stage: 'draft',
    body: submit,
    right: {
      user: DRAFTER,
      status: 200,
      then: (res, c) => expect(res.body.currentStep).toMatchObject({ index: 0, assigneeId: c.api.id(V1) }),
    },
    wrongRole: SIGNER,
    wrongPeople: [
      { user: 'staf2.diskominfo', status: 404, why: 'an ASN of the same OPD, not the drafter' },
      {
        user: ADMIN,
        status: 409,
        why: 'the bagian umum (a party), not the drafter',
        message: REFUSAL.notDrafter,
      },
      {
        user: DRAFTER,
        status: 409,
        why: 'the drafter, again',
        stage: 'verifying',
        message: REFUSAL.notEditable,
      },
    ],
    otherOpd: 'staf1.disdik',
    mutates: true,
  },
  {
    action: 'POST verify approve',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/verify`,
    stage: 'verifying',
    body: approve,
    right: {
      user: V1,
      status: 200,
      then: (res, c) => expect(res.body.currentStep).toMatchObject({ index: 1, assigneeId: c.api.id(V2) }),
    },
    wrongRole: ADMIN,
    wrongPeople: [
      { user: V2, status: 409, why: 'verifier 2 out of turn', message: REFUSAL.notYourTurn },
      { user: UNCHOSEN, status: 404, why: 'a verifikator of the same OPD who was not chosen' },
      { user: 'superadmin', status: 409, why: 'the superadmin', message: REFUSAL.notYourTurn },
      {
        user: V1,
        status: 409,
        why: 'verifier 1 after the verification',
        stage: 'numbering',
        message: REFUSAL.notVerifying,
      },
    ],
    otherOpd: 'verifikator1.disdik',
    mutates: true,
  },
  {
    action: 'POST verify return',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/verify`,
    stage: 'verifying',
    body: giveBack,
    right: {
      user: V1,
      status: 200,
      then: (res) => expect(res.body).toMatchObject({ status: 'draft', resumeAt: 0 }),
    },
    wrongRole: DRAFTER,
    wrongPeople: [
      { user: V2, status: 409, why: 'verifier 2 out of turn', message: REFUSAL.notYourTurn },
      { user: UNCHOSEN, status: 404, why: 'a verifikator of the same OPD who was not chosen' },
      {
        user: V1,
        status: 409,
        why: 'verifier 1 once signing',
        stage: 'signing',
        message: REFUSAL.notVerifying,
      },
      { user: V1, status: 404, why: 'verifier 1 on a draft never submitted (no party yet)', stage: 'draft' },
    ],
    otherOpd: 'verifikator2.disdik',
    mutates: true,
  },
  {
    action: 'POST number',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/number`,
    stage: 'numbering',
    body: async () => {
      const year = new Date().getFullYear();
      const { number } = await suggestNextNumber(t.db, {
        opdId: opd.DISKOMINFO,
        year,
        classification: '000.1.2',
      });
      return { number, date: new Date().toISOString().slice(0, 10) };
    },
    right: { user: ADMIN, status: 200, then: (res) => expect(res.body.status).toBe('signing') },
    wrongRole: DRAFTER,
    wrongPeople: [
      { user: 'admin.bappeda', status: 404, why: 'the admin_opd of an OPD that is no party' },
      {
        user: 'superadmin',
        status: 409,
        why: 'the superadmin (no admin_opd)',
        message: REFUSAL.notAdminOfOpd,
      },
      {
        user: ADMIN,
        status: 409,
        why: 'the bagian umum before verification ends',
        stage: 'verifying',
        message: REFUSAL.notNumbering,
      },
      {
        user: ADMIN,
        status: 409,
        why: 'the bagian umum once numbered',
        stage: 'signing',
        message: REFUSAL.notNumbering,
      },
    ],
    otherOpd: 'admin.disdik',
    mutates: true,
  },
  {
    action: 'GET number-suggestion',
    method: 'get',
    path: (id) => `/api/v1/letters/${id}/number-suggestion`,
    stage: 'numbering',
    right: {
      user: ADMIN,
      status: 200,
      then: (res) => expect(res.body.number).toMatch(/^000\.1\.2\/\d+\/DISKOMINFO\/\d{4}$/),
    },
    wrongRole: DRAFTER,
    wrongPeople: [{ user: 'admin.bappeda', status: 404, why: 'the admin_opd of an OPD that is no party' }],
    otherOpd: 'admin.disdik',
    mutates: false,
  },
  {
    action: 'POST sign',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/sign`,
    stage: 'signing',
    body: () => ({ passphrase: TEST_PASSPHRASE }),
    right: {
      user: SIGNER,
      status: 200,
      then: async (res, c) => {
        expect(res.body.documentCode).toMatch(/^[a-z0-9]{20}$/);
        // Delivery runs after the update: let it end, so later cases see a quiet database.
        await waitForStatus(c.api, DRAFTER, c.letter.id, 'sent');
      },
    },
    wrongRole: V1,
    wrongPeople: [
      { user: UNCHOSEN, status: 404, why: 'a penandatangan of the same OPD who was not chosen' },
      { user: 'superadmin', status: 409, why: 'the superadmin', message: REFUSAL.notSigner },
      {
        user: SIGNER,
        status: 409,
        why: 'the signer before numbering',
        stage: 'numbering',
        message: REFUSAL.notSigning,
      },
    ],
    otherOpd: 'kepala.disdik',
    mutates: true,
  },
  {
    action: 'POST withdraw',
    method: 'post',
    path: (id) => `/api/v1/letters/${id}/withdraw`,
    stage: 'verifying',
    body: () => ({ reason: 'Tidak jadi dikirim.' }),
    right: { user: DRAFTER, status: 200, then: (res) => expect(res.body.status).toBe('withdrawn') },
    wrongRole: SIGNER,
    wrongPeople: [
      { user: V1, status: 409, why: 'verifier 1 (a party), not the drafter', message: REFUSAL.notDrafter },
      { user: 'staf2.diskominfo', status: 404, why: 'an ASN of the same OPD, not the drafter' },
      {
        user: ADMIN,
        status: 409,
        why: 'the bagian umum (a party), not the drafter',
        message: REFUSAL.notDrafter,
      },
    ],
    otherOpd: 'staf1.disdik',
    mutates: true,
  },
  {
    action: 'GET detail',
    method: 'get',
    path: (id) => `/api/v1/letters/${id}`,
    stage: 'verifying',
    right: { user: V2, status: 200, then: (res) => expect(res.body.state.status).toBe('verifying') },
    wrongRole: null,
    wrongPeople: [
      { user: 'staf2.diskominfo', status: 404, why: 'an ASN of the same OPD, no party' },
      { user: UNCHOSEN, status: 404, why: 'a verifikator of the same OPD who was not chosen' },
      { user: 'admin.disdik', status: 404, why: 'a recipient OPD’s admin before it is sent' },
    ],
    otherOpd: 'staf1.disdik',
    mutates: false,
  },
  {
    action: 'GET timeline',
    method: 'get',
    path: (id) => `/api/v1/letters/${id}/timeline`,
    stage: 'verifying',
    right: {
      user: DRAFTER,
      status: 200,
      then: (res) =>
        expect(res.body.items.map((i: { action: string }) => i.action)).toEqual([
          'letter.create',
          'letter.submit',
        ]),
    },
    wrongRole: null,
    wrongPeople: [
      { user: 'staf2.diskominfo', status: 404, why: 'an ASN of the same OPD, no party' },
      { user: 'admin.disdik', status: 404, why: 'a recipient OPD’s admin before it is sent' },
    ],
    otherOpd: 'staf1.disdik',
    mutates: false,
  },
];

interface Case {
  name: string;
  row: ActionRow;
  user: string | null;
  status: number;
  stage: Stage;
  kind: 'refused' | 'other-opd' | 'right';
  message?: string;
}

/** The matrix, refusals first (on the shared letters), then the right people (on fresh letters). */
function cases(): Case[] {
  const refused: Case[] = [];
  const right: Case[] = [];
  for (const row of ACTIONS) {
    const base = { row, stage: row.stage };
    refused.push({
      ...base,
      name: `${row.action} without a token → 401`,
      user: null,
      status: 401,
      kind: 'refused',
    });
    if (row.wrongRole) {
      refused.push({
        ...base,
        name: `${row.action} by ${row.wrongRole} (wrong role) → 403`,
        user: row.wrongRole,
        status: 403,
        kind: 'refused',
      });
    }
    for (const p of row.wrongPeople) {
      refused.push({
        row,
        name: `${row.action} by ${p.user}, ${p.why} → ${p.status}`,
        user: p.user,
        status: p.status,
        stage: p.stage ?? row.stage,
        kind: 'refused',
        message: p.message,
      });
    }
    refused.push({
      ...base,
      name: `${row.action} by ${row.otherOpd}, another OPD → 404 as for no letter`,
      user: row.otherOpd,
      status: 404,
      kind: 'other-opd',
    });
    right.push({
      ...base,
      name: `${row.action} by ${row.right.user}, the right person → ${row.right.status}`,
      user: row.right.user,
      status: row.right.status,
      kind: 'right',
    });
  }
  return [...refused, ...right];
}

let stack: LetterStack;
let t: TestDatabase;
let client: () => Promise<Client>;
let api: LettersApi;
const cast = diskominfoCast(TEST_PASSPHRASE);
/** One letter per stage, shared by the refusals (which must leave them as they are). */
const shared = {} as Record<Stage, DrivenLetter>;

const body = (overrides: Record<string, unknown> = {}) =>
  letterBody({ recipients: [opd.DISDIK, opd.DINKES], cc: [opd.SETDA] }, overrides);

/** Everything a letter action could change, for the shared letters, and what it could add anywhere. */
async function snapshot() {
  const ids = Object.values(shared).map((l) => l.id);
  const temporal = await client();
  const count = async (table: string) => Number((await t.db(table).count('* as n'))[0].n);
  return {
    states: await Promise.all(ids.map((id) => queryLetterState(temporal, id))),
    letters: await t.db('letters').whereIn('id', ids).orderBy('id'),
    steps: await t.db('letter_steps').whereIn('letter_id', ids).orderBy('id'),
    counts: Object.fromEntries(
      await Promise.all(
        [
          'letters',
          'letter_versions',
          'letter_steps',
          'number_register',
          'audit_log',
          'signing_grants',
          'document_signatures',
          'notifications',
        ].map(async (table) => [table, await count(table)]),
      ),
    ),
  };
}

beforeAll(async () => {
  stack = await startLetterStack({ kind: 'sqlite', certificateHolders: [SIGNER] });
  ({ t, client, opd } = stack);
  const idOf = async (username: string) => Number((await t.db('users').where({ username }).first('id')).id);
  // A pure signing official (no asn: the wrong role for drafting), and a same-OPD official who holds the
  // verifier's and the signer's role but is chosen for neither.
  await t
    .db('user_roles')
    .where({ user_id: await idOf(SIGNER), role: 'asn' })
    .delete();
  const unchosen = await idOf(UNCHOSEN);
  await t.db('user_roles').insert([
    { user_id: unchosen, role: 'verifikator' },
    { user_id: unchosen, role: 'penandatangan' },
  ]);

  api = new LettersApi(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`);
  const everyone = new Set([...castMembers(cast), 'superadmin', UNCHOSEN]);
  for (const row of ACTIONS) {
    for (const user of [row.right.user, row.wrongRole, row.otherOpd, ...row.wrongPeople.map((p) => p.user)]) {
      if (user) everyone.add(user);
    }
  }
  await api.login([...everyone], DEMO_PASSWORD);
  for (const stage of ['draft', 'verifying', 'numbering', 'signing'] as const) {
    shared[stage] = await driveLetter(api, cast, stage, { body: body({ subject: `Surat uji (${stage})` }) });
  }
}, 60_000);

afterAll(async () => {
  await (await client?.())?.connection.close();
  await stack?.stop();
});

describe('letter actions: who may do what', () => {
  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { row } = c;
    if (c.kind === 'right' && row.mutates) {
      // A fresh letter in the row's state: the shared ones stay as the refusals expect them.
      const letter = await driveLetter(api, cast, c.stage, {
        body: body({ subject: `Surat uji ${row.action}` }),
      });
      const ctx = { letter, api };
      const res = await api.call(c.user, row.method, row.path(letter.id), await row.body?.(ctx));
      expect([res.status, res.body?.error?.message]).toEqual([c.status, undefined]);
      await row.right.then?.(res, ctx);
      return;
    }

    const letter = shared[c.stage];
    const ctx = { letter, api };
    const payload = await row.body?.(ctx);
    const before = await snapshot();
    const res = await api.call(c.user, row.method, row.path(letter.id), payload);
    expect(res.status).toBe(c.status);
    if (c.message) expect(res.body.error.message).toBe(c.message);
    if (c.kind === 'other-opd') {
      // Another OPD learns nothing: the answer is the one for a letter that does not exist.
      const missing = await api.call(c.user, row.method, row.path(9_999_999), payload);
      expect(missing.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    if (c.kind === 'right') await row.right.then?.(res, ctx);
    expect(await snapshot()).toEqual(before);
  });
});

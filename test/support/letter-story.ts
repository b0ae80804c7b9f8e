/**
 * Drives outgoing letters through the JSON API (real HTTP, one bearer token per person) to a chosen
 * state, quickly: draft → verifying (at verifier 1) → numbering → signing → sent. Used by the
 * integration tests that need letters in a given state and by bench/letters-story.ts, so it depends on
 * neither jest nor supertest: plain `fetch` against a listening app.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TEMPLATES } from '../../templates';

/** The answer of one API call, with how long it took. */
export interface ApiResponse {
  status: number;
  // The API's JSON, as the test or bench reads it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A client of the JSON API that logs people in once and calls as any of them (or as nobody). */
export class LettersApi {
  private readonly tokens = new Map<string, string>();
  private readonly ids = new Map<string, number>();

  constructor(readonly baseUrl: string) {}

  /** Exchanges each username and password for a bearer token. */
  async login(usernames: string[], password: string): Promise<void> {
    for (const username of usernames) {
      const res = await this.call(null, 'post', '/api/v1/auth/token', { username, password });
      if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      this.tokens.set(username, res.body.token);
      this.ids.set(username, Number(res.body.user.id));
    }
  }

  /** The user id of a person logged in with login(). */
  id(username: string): number {
    const id = this.ids.get(username);
    if (id === undefined) throw new Error(`${username} is not logged in`);
    return id;
  }

  /** One request as `user` (null: without a token). Never throws for an HTTP status. */
  async call(user: string | null, method: Method, path: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (user !== null) {
      const token = this.tokens.get(user);
      if (!token) throw new Error(`${user} is not logged in`);
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const start = process.hrtime.bigint();
    const res = await fetch(this.baseUrl + path, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, ms };
  }

  /** Like call(), but a status other than `expected` (2xx by default) throws with the API's message. */
  async expect(
    user: string,
    method: Method,
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<ApiResponse> {
    const res = await this.call(user, method, path, body);
    const ok = expected === undefined ? res.status >= 200 && res.status < 300 : res.status === expected;
    if (!ok) {
      const message = res.body?.error?.message ?? JSON.stringify(res.body);
      throw new Error(`${method.toUpperCase()} ${path} as ${user}: ${res.status} ${message}`);
    }
    return res;
  }
}

/** Who plays which part in a letter's story (usernames). */
export interface StoryCast {
  drafter: string;
  /** In the order they verify. */
  verifiers: string[];
  /** The bagian umum (admin_opd) of the drafter's OPD. */
  admin: string;
  signer: string;
  /** The signer's certificate passphrase. */
  passphrase: string;
}

/** The seeded demo regency's Diskominfo: staf1 drafts, verifikator1 then 2 verify, kepala signs. */
export function diskominfoCast(passphrase: string): StoryCast {
  return {
    drafter: 'staf1.diskominfo',
    verifiers: ['verifikator1.diskominfo', 'verifikator2.diskominfo'],
    admin: 'admin.diskominfo',
    signer: 'kepala.diskominfo',
    passphrase,
  };
}

/** Every username a cast needs logged in. */
export const castMembers = (cast: StoryCast): string[] => [
  ...new Set([cast.drafter, ...cast.verifiers, cast.admin, cast.signer]),
];

/** The body of POST /api/v1/letters (and, with baseVersionNo, of PATCH): a valid surat dinas. */
export function letterBody(
  to: { recipients: number[]; cc?: number[] },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: 'surat-dinas',
    subject: 'Permintaan Data Kepegawaian',
    sifat: 'penting',
    urgency: 'segera',
    classification: '000.1.2',
    fields: { ...TEMPLATES['surat-dinas'].example },
    recipients: to.recipients,
    cc: to.cc ?? [],
    ...overrides,
  };
}

/** The states driveLetter can stop at, in story order. */
export const STORY_STAGES = ['draft', 'verifying', 'numbering', 'signing', 'sending', 'sent'] as const;
export type StoryStage = (typeof STORY_STAGES)[number];

export interface DrivenLetter {
  id: number;
  versionNo: number;
  number: string | null;
  /** The workflow state the last call answered with. */
  status: string;
}

export interface DriveOptions {
  /** The letter body (letterBody()). */
  body: Record<string, unknown>;
  /** The number to type; by default the API's suggestion (retried if another admin took it meanwhile). */
  number?: string;
  /** yyyy-mm-dd; today by default. */
  date?: string;
  /** Called with every step's response, e.g. to time the approvals. */
  onStep?: (step: 'create' | 'submit' | 'approve' | 'number' | 'sign', res: ApiResponse) => void;
}

const today = () => new Date().toISOString().slice(0, 10);
const reached = (target: StoryStage, stage: StoryStage) =>
  STORY_STAGES.indexOf(stage) >= STORY_STAGES.indexOf(target);

/** Creates a letter as the cast's drafter and drives it through the API until it reaches `target`. */
export async function driveLetter(
  api: LettersApi,
  cast: StoryCast,
  target: StoryStage,
  options: DriveOptions,
): Promise<DrivenLetter> {
  const step = options.onStep ?? (() => undefined);
  const created = await api.expect(cast.drafter, 'post', '/api/v1/letters', options.body, 201);
  step('create', created);
  const letter: DrivenLetter = {
    id: Number(created.body.id),
    versionNo: Number(created.body.versionNo),
    number: null,
    status: 'draft',
  };
  return continueLetter(api, cast, letter, target, options);
}

/** Drives an existing letter (as driveLetter left it) further, to `target`. */
export async function continueLetter(
  api: LettersApi,
  cast: StoryCast,
  letter: DrivenLetter,
  target: StoryStage,
  options: Omit<DriveOptions, 'body'> = {},
): Promise<DrivenLetter> {
  const step = options.onStep ?? (() => undefined);
  const at = (res: ApiResponse) => {
    letter.status = res.body.status;
    letter.versionNo = res.body.versionNo;
    letter.number = res.body.number;
  };
  const base = `/api/v1/letters/${letter.id}`;
  if (reached(target, letter.status as StoryStage)) return letter;

  if (letter.status === 'draft') {
    const submitted = await api.expect(cast.drafter, 'post', `${base}/submit`, {
      baseVersionNo: letter.versionNo,
      verifierIds: cast.verifiers.map((v) => api.id(v)),
      signerId: api.id(cast.signer),
    });
    step('submit', submitted);
    at(submitted);
    if (reached(target, 'verifying')) return letter;
  }
  while (letter.status === 'verifying') {
    const state = (await api.expect(cast.drafter, 'get', base)).body.state;
    const verifier = cast.verifiers[state.currentStep.index];
    const approved = await api.expect(verifier, 'post', `${base}/verify`, {
      baseVersionNo: letter.versionNo,
      decision: 'approve',
    });
    step('approve', approved);
    at(approved);
  }
  if (reached(target, 'numbering')) return letter;

  const date = options.date ?? today();
  for (let attempt = 1; letter.status === 'numbering'; attempt++) {
    const number =
      options.number ?? (await api.expect(cast.admin, 'get', `${base}/number-suggestion`)).body.number;
    const res = await api.call(cast.admin, 'post', `${base}/number`, { number, date });
    step('number', res);
    // Another admin (another scripted actor) may have taken the suggested number a moment earlier.
    if (res.status === 409 && !options.number && attempt < 20) continue;
    if (res.status !== 200) throw new Error(`number ${number}: ${res.status} ${res.body?.error?.message}`);
    at(res);
  }
  if (reached(target, 'signing')) return letter;

  const signed = await api.expect(cast.signer, 'post', `${base}/sign`, { passphrase: cast.passphrase });
  step('sign', signed);
  at(signed);
  if (reached(target, 'sending')) return letter;

  letter.status = await waitForStatus(api, cast.drafter, letter.id, 'sent');
  return letter;
}

/** Polls the letter's detail until its workflow reports `status`; throws after `timeoutMs`. */
export async function waitForStatus(
  api: LettersApi,
  user: string,
  letterId: number,
  status: string,
  timeoutMs = 30_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.expect(user, 'get', `/api/v1/letters/${letterId}`);
    if (res.body.state.status === status) return status;
    if (Date.now() > until) {
      throw new Error(`letter ${letterId} is still ${res.body.state.status}, not ${status}`);
    }
    await sleep(50);
  }
}

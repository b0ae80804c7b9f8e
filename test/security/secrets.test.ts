import type { AddressInfo } from 'node:net';
import { temporal } from '@temporalio/proto';
import {
  castMembers,
  diskominfoCast,
  driveLetter,
  letterBody,
  LettersApi,
  waitForStatus,
} from '../support/letter-story';
import { memoryLog } from '../support/memory-log';
import { databaseText, TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';
import { startLetterStack, type LetterStack } from '../support/letter-stack';

/**
 * Secrets stay secret across a whole working day of the real stack, with every log at trace level
 * captured: people log in, a superadmin enrols an official (a new PKCS#12 under a new passphrase), a
 * wrong passphrase is refused, a letter is signed and delivered, someone changes their password. None
 * of the passwords, passphrases or the CA key secret, in clear or base64, nor any PEM private key,
 * appears in a log line, in any workflow's history (payloads decoded) or in any database column.
 */

jest.setTimeout(120_000);

const CA_KEY_SECRET = 'Rahasia-Kunci-CA-Uji-Sapuan-0123';
const NEW_PASSPHRASE = 'Frasa-Sandi-Sekretaris#2026';
const WRONG_PASSPHRASE = 'Frasa-Keliru-Sekali#2026';
const NEW_PASSWORD = 'Sandi-Baru-Staf-Dua#2026';
const SECRETS = [
  DEMO_PASSWORD,
  TEST_PASSPHRASE,
  NEW_PASSPHRASE,
  WRONG_PASSPHRASE,
  NEW_PASSWORD,
  CA_KEY_SECRET,
];
const cast = diskominfoCast(TEST_PASSPHRASE);

let chunks: string[] = [];
const logLines = () => chunks.join('').split('\n').filter(Boolean);
let s: LetterStack;
let letterId: number;
let letterNumber: string;
let api: LettersApi;

/** Each secret, and its base64 (how a payload or a blob would carry it), found in a text. */
function leaks(text: string): string[] {
  const found = SECRETS.flatMap((secret) =>
    [secret, Buffer.from(secret).toString('base64')].filter((form) => text.includes(form)),
  );
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) found.push('a PEM private key');
  return found;
}

beforeAll(async () => {
  const log = memoryLog('secrets');
  chunks = log.lines;
  s = await startLetterStack({
    env: { CA_KEY_SECRET },
    logger: log.logger,
  });
  api = new LettersApi(`http://127.0.0.1:${(s.server.address() as AddressInfo).port}`);
  await api.login([...castMembers(cast), 'superadmin', 'staf2.diskominfo'], DEMO_PASSWORD);

  const secretary = await s.userId('sekretaris.diskominfo');
  await api.expect('superadmin', 'put', `/api/v1/admin/users/${secretary}/roles`, {
    roles: ['asn', 'penandatangan'],
  });
  await api.expect(
    'superadmin',
    'post',
    '/api/v1/certificates',
    { userId: secretary, passphrase: NEW_PASSPHRASE },
    201,
  );

  const letter = await driveLetter(api, cast, 'signing', {
    body: letterBody({ recipients: [s.opd.DISDIK] }, { classification: '000.1.2' }),
  });
  letterId = letter.id;
  letterNumber = letter.number!;
  const refused = await api.call(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, {
    passphrase: WRONG_PASSPHRASE,
  });
  expect(refused.status).toBe(422);
  await api.expect(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, { passphrase: TEST_PASSPHRASE });
  await waitForStatus(api, cast.drafter, letter.id, 'sent');
  await api.expect('staf2.diskominfo', 'post', '/api/v1/account/password', {
    currentPassword: DEMO_PASSWORD,
    newPassword: NEW_PASSWORD,
  });
});

afterAll(() => s?.stop());

it('captured the day’s logs: every request, the refused and the accepted signature among them', () => {
  const logged = logLines().map((line) => JSON.parse(line) as { path?: string; status?: number });
  const signing = logged.filter((l) => l.path === `/api/v1/letters/${letterId}/sign`).map((l) => l.status);
  expect(signing).toEqual([422, 200]);
  expect(logged.some((l) => l.path === '/api/v1/certificates' && l.status === 201)).toBe(true);
  expect(logged.some((l) => l.path === '/api/v1/account/password' && l.status === 200)).toBe(true);
});

it('writes no secret to any log line', () => {
  expect(logLines().flatMap((line) => leaks(line).map((what) => `${what}: ${line.slice(0, 200)}`))).toEqual(
    [],
  );
});

it('puts no secret in any workflow’s history', async () => {
  const client = s.env.client;
  const found: string[] = [];
  let histories = 0;
  let everything = '';
  for await (const execution of client.workflow.list()) {
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const json = JSON.stringify(
      temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
        bytes: String,
      }),
    );
    // Payload data is base64 in that JSON: decode every such string too.
    const decoded = [...json.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)]
      .map((m) => Buffer.from(m[1], 'base64').toString('utf8'))
      .join('\n');
    found.push(...leaks(json + decoded).map((what) => `${execution.workflowId}: ${what}`));
    everything += decoded;
    histories++;
  }
  expect(histories).toBeGreaterThanOrEqual(2); // the letter and its incoming letter at least
  expect(everything).toContain(letterNumber); // the payloads were really read
  expect(found).toEqual([]);
});

it('keeps no secret in clear in any database column', async () => {
  expect(leaks(await databaseText(s.t.db))).toEqual([]);
});

import type { AddressInfo } from 'node:net';
import { TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';
import { LettersApi, castMembers, diskominfoCast, driveLetter, letterBody } from '../support/letter-story';
import { startLetterStack, type LetterStack } from '../support/letter-stack';

/**
 * A letter's workflow history, read from a real Temporal server after the letter went all the way
 * (draft → two verifiers → number → signed → delivered): the page and the JSON name the updates,
 * activities and child workflows in Indonesian, carry no payload (the passphrase typed to sign is
 * nowhere), link to the Temporal UI, and are shown only to a superadmin and the bagian umum of the
 * letter's OPD; anyone else, a made-up id and a missing letter get the same 404, a plain ASN a 403.
 */

jest.setTimeout(240_000);

const cast = diskominfoCast(TEST_PASSPHRASE);
const SUPER = 'superadmin';
const OTHER_ADMIN = 'admin.disdik';

let stack: LetterStack;
let api: LettersApi;
let letterId: number;
let disdikIncoming: number;

beforeAll(async () => {
  stack = await startLetterStack();
  api = new LettersApi(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`);
  await api.login([...castMembers(cast), SUPER, OTHER_ADMIN], DEMO_PASSWORD);
  const body = letterBody({ recipients: [stack.opd.DISDIK] });
  letterId = (await driveLetter(api, cast, 'sent', { body })).id;
  disdikIncoming = Number(
    (
      await stack.t
        .db('incoming_letters')
        .where({ letter_id: letterId, opd_id: stack.opd.DISDIK })
        .first('id')
    ).id,
  );
});

afterAll(() => stack?.stop());

/** The page as a browser would ask for it (bearer token, HTML). */
async function page(user: string, path: string) {
  const res = await api.call(user, 'get', path);
  const html = await fetch(api.baseUrl + path, {
    headers: { accept: 'text/html', authorization: `Bearer ${await token(user)}` },
  });
  return { status: html.status, text: await html.text(), json: res };
}

const tokens = new Map<string, string>();
async function token(user: string): Promise<string> {
  if (!tokens.has(user)) {
    const res = await api.call(null, 'post', '/api/v1/auth/token', {
      username: user,
      password: DEMO_PASSWORD,
    });
    tokens.set(user, res.body.token);
  }
  return tokens.get(user)!;
}

it('tells the story of the letter in readable Indonesian, without payloads', async () => {
  const { status, text } = await page(cast.admin, `/admin/alur/letter-${letterId}`);
  expect(status).toBe(200);
  for (const event of [
    'Alur dimulai (outgoingLetter)',
    'Pembaruan diterima: submit',
    'Pembaruan diterima: verify',
    'Pembaruan diterima: assignNumber',
    'Pembaruan diterima: sign',
    'Pembaruan selesai: sign',
    'Aktivitas dijadwalkan: signLetter',
    'Aktivitas selesai: signLetter',
    'Aktivitas lokal selesai: recordProgress',
    'Aktivitas lokal selesai: notify',
    'Perubahan kode alur dicatat: local-bookkeeping',
    `Alur anak dimulai: incoming-${disdikIncoming}`,
  ]) {
    expect(text).toContain(event);
  }
  expect(text).toMatch(/Timer dimulai \(\d+ (hari|jam|menit)/);
  expect(text).toContain('Buka di Temporal UI');
  expect(text).toMatch(/\d{2}\.\d{2}\.\d{2} WIB/);
  expect(text).toMatch(
    new RegExp(`href="http://127\\.0\\.0\\.1:\\d+/namespaces/default/workflows/letter-${letterId}"`),
  );
  expect(text).toContain(`href="/surat/${letterId}"`);
  expect(text).not.toContain(TEST_PASSPHRASE);
  expect(text).not.toContain('Permintaan Data Kepegawaian');
});

it('answers the same as JSON for a superadmin', async () => {
  const res = await api.expect(SUPER, 'get', `/api/v1/workflows/letter-${letterId}/history`);
  expect(res.body.workflowId).toBe(`letter-${letterId}`);
  expect(res.body.temporalUiUrl).toMatch(new RegExp(`/namespaces/default/workflows/letter-${letterId}$`));
  const events: string[] = res.body.events.map((e: { event: string }) => e.event);
  expect(events[0]).toBe('Alur dimulai (outgoingLetter)');
  expect(events).toContain('Pembaruan diterima: sign');
  expect(res.body.events.every((e: { time: string }) => !Number.isNaN(Date.parse(e.time)))).toBe(true);
  expect(JSON.stringify(res.body)).not.toContain(TEST_PASSPHRASE);
});

it('shows the delivered letter’s incoming workflow to the recipient OPD’s bagian umum only', async () => {
  const res = await api.expect(OTHER_ADMIN, 'get', `/api/v1/workflows/incoming-${disdikIncoming}/history`);
  expect(res.body.events[0].event).toBe('Alur dimulai (incomingLetter)');
  expect(res.body.href).toBe(`/surat-masuk/${disdikIncoming}`);
  expect(
    (await api.call(cast.admin, 'get', `/api/v1/workflows/incoming-${disdikIncoming}/history`)).status,
  ).toBe(404);
});

it('gives one 404 to another OPD, to made-up ids and to missing letters; a plain ASN is refused', async () => {
  const notFound = [
    [OTHER_ADMIN, `letter-${letterId}`],
    [SUPER, 'foo'],
    [SUPER, 'letter-999999'],
    [SUPER, `letter-${letterId}x`],
    [SUPER, 'schedule-staff-sync'],
  ];
  for (const [user, id] of notFound) {
    expect((await api.call(user, 'get', `/api/v1/workflows/${id}/history`)).status).toBe(404);
    expect((await page(user, `/admin/alur/${id}`)).status).toBe(404);
  }
  expect((await api.call(cast.drafter, 'get', `/api/v1/workflows/letter-${letterId}/history`)).status).toBe(
    403,
  );
  expect((await page(cast.signer, `/admin/alur/letter-${letterId}`)).status).toBe(403);
});

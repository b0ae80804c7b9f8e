import { setTimeout as sleep } from 'node:timers/promises';
import { FaultStack, DEMO_PASSWORD } from '../support/fault-stack';
import { holdLock, waitForLockWaits } from '../support/fault-locks';
import { csrfIn } from '../support/form-login';
import { continueLetter, driveLetter, waitForStatus } from '../support/letter-story';
import { PrivateMariaDb } from '../support/private-mariadb';

/**
 * The database and the Temporal server go away in the middle of flows and come back: MariaDB stopped
 * for 30 seconds while a letter is being delivered (the delivery retries; the API and the pages answer
 * a clear 503 meanwhile), and, during that outage, the Temporal server restarted on its data file
 * while another letter waits for its verifier. Once both are back every letter completes, nothing lost
 * and nothing done twice. The stack runs on a MariaDB server of its own: the shared one serves other
 * tests. Needs `npm run build` first.
 */

jest.setTimeout(240_000);

const OUTAGE_MS = 30_000;
const MESSAGE = 'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.';

let stack: FaultStack;
let mariadb: PrivateMariaDb;
beforeAll(async () => {
  mariadb = await PrivateMariaDb.create();
  stack = await FaultStack.start({ mariadb });
});
afterAll(() => stack?.stop() ?? mariadb?.destroy());

it('survives a 30 s database outage mid-delivery and a Temporal restart mid-flow, losing nothing', async () => {
  const { api, cast, db } = stack;
  const delivered = await driveLetter(api, cast, 'signing', {
    body: stack.letterBody('Uji Basis Data Mati'),
  });
  const waiting = await driveLetter(api, cast, 'verifying', { body: stack.letterBody('Uji Temporal Mati') });
  const loginPage = await fetch(`${api.baseUrl}/login`);
  const loginCookie = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]);
  const loginCsrf = csrfIn(await loginPage.text());
  const letterCount = await db('letters').count({ n: '*' });
  const { token } = (
    await api.call(null, 'post', '/api/v1/auth/token', { username: cast.drafter, password: DEMO_PASSWORD })
  ).body;

  // The delivery waits on a lock the test holds (inserting the incoming letters), so the database
  // goes away with the delivery's transaction open.
  const lock = await holdLock(db, (trx) =>
    trx('incoming_letters').where({ letter_id: delivered.id }).forUpdate().select('id'),
  );
  expect(
    await api.call(cast.signer, 'post', `/api/v1/letters/${delivered.id}/sign`, {
      passphrase: cast.passphrase,
    }),
  ).toMatchObject({ status: 200, body: { status: 'sending' } });
  await waitForLockWaits(db, 1);
  await mariadb.stop();
  const downSince = Date.now();
  // Its connection went with the server: there is nothing left to roll back.
  await lock.release().catch(() => undefined);

  // A write through the API: a clear 503 in seconds, with the Indonesian message and Retry-After.
  const started = Date.now();
  const create = await fetch(`${api.baseUrl}/api/v1/letters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(stack.letterBody('Tidak Tersimpan')),
  });
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(create.status).toBe(503);
  expect(create.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await create.json()).toEqual({ error: { code: 'service_unavailable', message: MESSAGE } });
  // A form in the browser: the error page says the same.
  const login = await fetch(`${api.baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie.join('; ') },
    body: new URLSearchParams({ _csrf: loginCsrf!, username: cast.drafter, password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  expect(login.status).toBe(503);
  expect(await login.text()).toContain(MESSAGE);

  // Meanwhile the Temporal server restarts on its data file.
  await stack.restartTemporal(2_000);

  await sleep(OUTAGE_MS - (Date.now() - downSince));
  await mariadb.start();
  await waitForReady(stack.api.baseUrl);

  // The delivery retried until the database was back; the waiting letter goes on where it was.
  await waitForStatus(api, cast.drafter, delivered.id, 'sent', 90_000);
  const runs = await stack.activityRuns(delivered.id, 'deliverLetter');
  expect(runs).toEqual([{ activity: 'deliverLetter', completedAttempt: expect.any(Number) }]);
  expect(runs[0].completedAttempt).toBeGreaterThan(1);
  await continueLetter(api, cast, waiting, 'sent');

  for (const { id } of [delivered, waiting]) {
    expect(await stack.signatures(id)).toEqual({
      rows: 1,
      audited: 1,
      pdf: [expect.objectContaining({ signatureValid: true, certificateTrusted: true })],
    });
    expect(await stack.deliveries(id)).toEqual({ opdIds: stack.recipientOpdIds, audited: 1 });
  }
  // Nothing lost, and the refused write was not half done.
  expect(await db('letters').count({ n: '*' })).toEqual(letterCount);
  expect(await stack.verifyAudit()).toMatch(/^Rantai audit utuh: \d+ baris diperiksa\.$/m);
});

/** Polls /ready until web sees database, Temporal and worker again. */
async function waitForReady(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  let last = '';
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) {
    const res = await fetch(`${baseUrl}/ready`);
    last = await res.text();
    if (res.status === 200) return;
  }
  throw new Error(`not ready ${timeoutMs} ms after the outage: ${last}`);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { FaultStack } from '../support/fault-stack';
import { holdLock, waitForLockWaits, type HeldLock } from '../support/fault-locks';
import { driveLetter, waitForStatus, type ApiResponse, type DrivenLetter } from '../support/letter-story';

/**
 * SIGKILL to the worker's process group (the worker and its Chromium, as the OOM killer or a power
 * cut would) while four letters are each at another point of signing and delivery: one renders, one
 * has its PDF signed in memory with the recording transaction open, one has its signature recorded
 * but the activity not yet complete, one is being delivered. The test holds row locks (no hook in the
 * product) so the worker is exactly there when it dies. A new worker finishes every letter: each is
 * signed once, delivered once to each recipient, and the audit chain is whole. A Chromium killed under
 * a render meanwhile costs the letter nothing. Needs `npm run build` first.
 *
 * The killed activities are retried once their heartbeats stop (the worker heartbeats for every
 * activity; the letter workflow's heartbeat timeout is 10 s), and the Chromium fault is done meanwhile.
 */

jest.setTimeout(300_000);

let stack: FaultStack;
/** The test's open transactions: released before the stack stops, whatever happened. */
const locks: HeldLock[] = [];
const releaseLocks = async () => {
  for (const lock of locks.splice(0)) await lock.release();
};

beforeAll(async () => {
  stack = await FaultStack.start();
});
afterAll(async () => {
  await releaseLocks();
  await stack?.stop();
});

/** Where each letter is when the worker dies. */
const POINTS = ['rendering', 'signing', 'recorded', 'delivering'] as const;
type Point = (typeof POINTS)[number];

it('finishes letters killed at every point of signing and delivery once, each signed and delivered once', async () => {
  const { api, cast, db } = stack;
  const letters = {} as Record<Point, DrivenLetter>;
  for (const point of POINTS) {
    letters[point] = await driveLetter(api, cast, 'signing', {
      body: stack.letterBody(`Uji Pekerja Dimatikan Saat ${point}`),
    });
  }
  const sign = (letter: DrivenLetter): Promise<ApiResponse> =>
    api.call(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, { passphrase: cast.passphrase });

  // Delivering: the incoming letters cannot be inserted (a gap lock on their letter_id), so the
  // delivery transaction waits with the letter's row locked.
  locks.push(
    await holdLock(db, (trx) =>
      trx('incoming_letters').where({ letter_id: letters.delivering.id }).forUpdate().select('id'),
    ),
  );
  expect(await sign(letters.delivering)).toMatchObject({ status: 200, body: { status: 'sending' } });
  await waitForLockWaits(db, 1);

  // The next two wait for the issued document the activity creates first (its insert checks the
  // letter's row, so the locks come after it) and are stopped before the render ends.
  // Recorded: the signature is committed; storing it on the letter waits for the letter's row.
  const pending = [sign(letters.recorded)];
  await waitForDocument(letters.recorded.id);
  locks.push(await holdLock(db, (trx) => trx('letters').where({ id: letters.recorded.id }).forUpdate()));
  await waitForLockWaits(db, 2);
  expect(await stack.signatureRows(letters.recorded.id)).toBe(1);

  // Signing: signed in memory, the transaction that records the signature waits for the document's row.
  pending.push(sign(letters.signing));
  const document = await waitForDocument(letters.signing.id);
  locks.push(await holdLock(db, (trx) => trx('documents').where({ id: document }).forUpdate()));
  await waitForLockWaits(db, 3);

  // Rendering: killed while Chromium renders it. Its document's row is locked too, so that on a slow
  // machine, where the render may end before the kill, it still cannot record its signature.
  pending.push(sign(letters.rendering));
  const rendering = await waitForDocument(letters.rendering.id);
  locks.push(await holdLock(db, (trx) => trx('documents').where({ id: rendering }).forUpdate()));
  const inRender = stack.waitForRender().then(
    () => true,
    () => false,
  );
  const waitingToRecord = waitForLockWaits(db, 4).then(
    () => true,
    () => false,
  );
  expect(await Promise.race([inRender, waitingToRecord])).toBe(true);
  const browsers = await stack.killWorker();
  await releaseLocks();
  // Its Chromium, in a process group of its own, sees the pipe to the dead worker close and quits.
  expect(browsers).toHaveLength(1);
  await waitUntilGone(browsers[0]);

  // Nothing half done: the open transactions went with the connections of the dead worker.
  expect(await stack.signatureRows(letters.rendering.id)).toBe(0);
  expect(await stack.signatureRows(letters.signing.id)).toBe(0);
  expect(await stack.signatureRows(letters.recorded.id)).toBe(1);
  expect(await db('letters').where({ id: letters.recorded.id }).first('signed_file_id')).toEqual({
    signed_file_id: null,
  });
  expect((await stack.deliveries(letters.delivering.id)).opdIds).toEqual([]);

  await stack.startWorker();

  for (const res of await Promise.all(pending)) {
    expect(res).toMatchObject({ status: 200, body: { status: 'sending' } });
  }
  for (const point of POINTS) {
    const { id } = letters[point];
    await waitForStatus(api, cast.drafter, id, 'sent', 60_000);
    expect(await stack.signatures(id)).toEqual({
      rows: 1,
      audited: 1,
      pdf: [expect.objectContaining({ signatureValid: true, certificateTrusted: true })],
    });
    expect(await stack.deliveries(id)).toEqual({ opdIds: stack.recipientOpdIds, audited: 1 });
    // The killed attempt did not complete; the second did, and no activity ran twice to the end.
    const killed = point === 'delivering' ? 'deliverLetter' : 'signLetter';
    expect(await stack.activityRuns(id, killed)).toEqual([{ activity: killed, completedAttempt: 2 }]);
  }
  // The new worker's Chromium, started for the retried renders, killed under the next one.
  await killChromiumDuringRender();
  expect(await stack.verifyAudit()).toMatch(/^Rantai audit utuh: \d+ baris diperiksa\.$/m);
});

/**
 * Chromium killed under a letter's render costs the letter nothing: it is signed once, by the same
 * activity attempt. On a busy machine the kill may land just after the render; that the pool then
 * renders on a new Chromium is proven deterministically of the pool alone, in
 * test/integration/render-browser-pool.test.ts.
 */
async function killChromiumDuringRender(): Promise<void> {
  const { api, cast } = stack;
  const letter = await driveLetter(api, cast, 'signing', {
    body: stack.letterBody('Uji Chromium Dimatikan'),
  });
  const signing = api.call(cast.signer, 'post', `/api/v1/letters/${letter.id}/sign`, {
    passphrase: cast.passphrase,
  });
  await stack.waitForRender();
  await stack.killChromium();
  expect(await signing).toMatchObject({ status: 200, body: { status: 'sending' } });
  await waitForStatus(api, cast.drafter, letter.id, 'sent');
  expect(await stack.activityRuns(letter.id, 'signLetter')).toEqual([
    { activity: 'signLetter', completedAttempt: 1 },
  ]);
  expect(await stack.signatureRows(letter.id)).toBe(1);
}

async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`process ${pid} is still running ${timeoutMs} ms after its worker was killed`);
}

/** The id of the letter's issued document, once the signing activity has created it. */
async function waitForDocument(letterId: number, timeoutMs = 20_000): Promise<number> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
    const row = await stack.db('documents').where({ letter_id: letterId }).first('id');
    if (row) return Number(row.id);
  }
  throw new Error(`letter ${letterId} has no document after ${timeoutMs} ms`);
}

import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { disposeUpdate, incomingStateQuery, registerIncomingUpdate } from '../../workflows/incoming-letter';
import { dispositionStateQuery, followUpUpdate, forwardUpdate } from '../../workflows/disposition';
import {
  ADMIN,
  KEPALA,
  SEKRETARIS,
  STAF1,
  STAF2,
  admin,
  disposeArgs,
  dispositionHandle,
  finalState,
  incomingInput,
  mockIncomingActivities,
  noticesOf,
  startIncoming,
  type IncomingHandle,
  type IncomingMocks,
} from './incoming-support';
import { HOUR, eventually, recordHistory, settle, startTimeSkipping, withWorker } from './support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

const deadlineNotices = (acts: IncomingMocks) => noticesOf(acts, 'reminder', 'overdue');

/** Registers the letter and disposes it from the bagian umum, due `hours` from now (test server time). */
async function disposeDue(h: IncomingHandle, toUserIds: number[], hours: number) {
  const dueAt = new Date((await env.currentTimeMs()) + hours * HOUR).toISOString();
  await h.executeUpdate(registerIncomingUpdate, { args: [admin] });
  const state = await h.executeUpdate(disposeUpdate, {
    args: [{ ...admin, ...disposeArgs(ADMIN, toUserIds, { dueAt }) }],
  });
  return state.rootDispositionIds;
}

test('due in 72 h: nothing at 47 h, the reminder after 48 h, overdue to receiver and giver after 72 h; a finished one never fires', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(10, { reminderBeforeHours: 24 }));
    const [toStaf1, toStaf2] = await disposeDue(h, [STAF1, STAF2], 72);

    await env.sleep(10 * HOUR); // staff 2 reports early: their timers must never fire
    await dispositionHandle(env, toStaf2).executeUpdate(followUpUpdate, {
      args: [{ actorId: STAF2, report: 'Sudah ditindaklanjuti.', files: [] }],
    });

    await env.sleep(37 * HOUR); // 47 h
    await settle();
    expect(deadlineNotices(acts)).toEqual([]);

    await env.sleep(1.5 * HOUR); // 48.5 h
    await eventually(() => expect(deadlineNotices(acts)).toEqual([['reminder', [STAF1]]]));

    await env.sleep(23 * HOUR); // 71.5 h: still only the reminder
    await settle();
    expect(deadlineNotices(acts)).toHaveLength(1);

    await env.sleep(1 * HOUR); // 72.5 h
    await eventually(() =>
      expect(deadlineNotices(acts)).toEqual([
        ['reminder', [STAF1]],
        ['overdue', [STAF1, ADMIN]],
      ]),
    );

    await env.sleep(72 * HOUR); // once only: nothing repeats
    await settle();
    expect(deadlineNotices(acts)).toHaveLength(2);

    // Late, but reported: the letter closes as usual.
    const late = dispositionHandle(env, toStaf1);
    await late.executeUpdate(followUpUpdate, { args: [{ actorId: STAF1, report: 'Terlambat.', files: [] }] });
    expect(await finalState(h, incomingStateQuery)).toMatchObject({ status: 'closed' });
    await recordHistory(late, 'disposition-deadlines');
  });
  expect(deadlineNotices(acts).some(([, users]) => (users as number[]).includes(STAF2))).toBe(false);
});

test('a forwarded but open disposition still gets its reminder and overdue notice; a forward without due time none', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startIncoming(env, tq, incomingInput(11, { reminderBeforeHours: 24 }));
    const [toSekretaris] = await disposeDue(h, [SEKRETARIS], 30); // reminder at 6 h
    const d = dispositionHandle(env, toSekretaris);
    await env.sleep(1 * HOUR);
    const forwarded = await d.executeUpdate(forwardUpdate, { args: [disposeArgs(SEKRETARIS, [KEPALA])] });
    expect(forwarded.status).toBe('forwarded');

    await env.sleep(5.5 * HOUR); // 6.5 h
    await eventually(() => expect(deadlineNotices(acts)).toEqual([['reminder', [SEKRETARIS]]]));
    await env.sleep(24 * HOUR); // 30.5 h
    await eventually(() =>
      expect(deadlineNotices(acts)).toEqual([
        ['reminder', [SEKRETARIS]],
        ['overdue', [SEKRETARIS, ADMIN]],
      ]),
    );
    expect((await d.query(dispositionStateQuery)).status).toBe('forwarded');
    await env.sleep(100 * HOUR);
    await settle();
    expect(deadlineNotices(acts)).toHaveLength(2); // the head's disposition has no due time
  });
});

test('a reminder moment already past, or reminders off: only the overdue notice', async () => {
  const acts = mockIncomingActivities();
  await withWorker(env, acts, async (tq) => {
    // Due in 10 h with reminders 24 h before: that moment has passed already.
    const early = await startIncoming(env, tq, incomingInput(12, { reminderBeforeHours: 24 }));
    await disposeDue(early, [STAF1], 10);
    // Reminders off (0 h).
    const off = await startIncoming(env, tq, incomingInput(13, { reminderBeforeHours: 0 }));
    await disposeDue(off, [STAF2], 20);

    await env.sleep(9.5 * HOUR);
    await settle();
    expect(deadlineNotices(acts)).toEqual([]);
    await env.sleep(1 * HOUR); // 10.5 h
    await eventually(() => expect(deadlineNotices(acts)).toEqual([['overdue', [STAF1, ADMIN]]]));
    await env.sleep(9 * HOUR); // 19.5 h
    await settle();
    expect(deadlineNotices(acts)).toHaveLength(1);
    await env.sleep(1 * HOUR); // 20.5 h
    await eventually(() => expect(deadlineNotices(acts)[1]).toEqual(['overdue', [STAF2, ADMIN]]));
  });
});

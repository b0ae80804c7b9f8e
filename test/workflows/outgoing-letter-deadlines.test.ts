import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { stateQuery, submitUpdate, verifyUpdate, withdrawUpdate } from '../../workflows/outgoing-letter';
import {
  DRAFTER,
  HOUR,
  OPD,
  callsOf,
  eventually,
  letterInput,
  mockActivities,
  recordHistory,
  startLetter,
  startTimeSkipping,
  withWorker,
  type Mocks,
  settle,
} from './support';

const [V1, V2, SIGNER] = [201, 202, 300];

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

/** Deadline notices so far, as [kind, userIds, opdAdminsOf, alsoSuperiors]. */
const notices = (acts: Mocks) =>
  callsOf(acts.notify)
    .filter((n) => n.kind === 'reminder' || n.kind === 'overdue')
    .map((n) => [n.kind, n.userIds, n.opdAdminsOf, n.alsoSuperiors]);

test('reminder 4 h before and overdue notice at 24 h; a step that moved on never fires its timers', async () => {
  const acts = mockActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(env, tq, letterInput(20)); // stepHours 24, reminderBeforeHours 4
    const submitted = await h.executeUpdate(submitUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1, V2], signerId: SIGNER }],
    });
    const step = submitted.currentStep!;
    expect(Date.parse(step.dueAt) - Date.parse(step.startedAt)).toBe(24 * HOUR);

    await env.sleep(19.5 * HOUR);
    await settle();
    expect(notices(acts)).toEqual([]); // not before 20 h

    await env.sleep(1 * HOUR); // 20.5 h
    await eventually(() => expect(notices(acts)).toEqual([['reminder', [V1], undefined, undefined]]));

    await env.sleep(3 * HOUR); // 23.5 h: still only the reminder
    await settle();
    expect(notices(acts)).toHaveLength(1);

    await env.sleep(1 * HOUR); // 24.5 h
    await eventually(() =>
      expect(notices(acts)).toEqual([
        ['reminder', [V1], undefined, undefined],
        ['overdue', [V1], undefined, true],
      ]),
    );

    // Verifier 1 acts late; verifier 2's step starts now (due +24 h) and moves on after 10 h.
    await h.executeUpdate(verifyUpdate, { args: [{ actorId: V1, baseVersionNo: 1, decision: 'approve' }] });
    await env.sleep(10 * HOUR);
    const numbering = await h.executeUpdate(verifyUpdate, {
      args: [{ actorId: V2, baseVersionNo: 1, decision: 'approve' }],
    });
    expect(numbering.status).toBe('numbering');

    // Past verifier 2's would-be reminder (+20 h) and due time (+24 h): nothing for V2.
    await env.sleep(15 * HOUR); // numbering step at +15 h
    await settle();
    expect(notices(acts)).toHaveLength(2);

    await env.sleep(6 * HOUR); // numbering at +21 h: the bagian umum gets the reminder
    await eventually(() => expect(notices(acts)[2]).toEqual(['reminder', [], OPD, undefined]));
    await env.sleep(4 * HOUR); // +25 h: overdue, to the admins and their superiors
    await eventually(() => expect(notices(acts)[3]).toEqual(['overdue', [], OPD, true]));

    await env.sleep(72 * HOUR); // once per step occurrence: nothing repeats
    await settle();
    expect(notices(acts)).toHaveLength(4);
    expect((await h.query(stateQuery)).status).toBe('numbering');

    await h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Kedaluwarsa' }] });
    await h.result();
    await recordHistory(h, 'deadlines-reminder-overdue');
  });
  expect(notices(acts).some((n) => (n[1] as number[]).includes(V2))).toBe(false);
});

test('no reminder when reminderBeforeHours is 0; returning a letter cancels the step timers', async () => {
  const acts = mockActivities();
  await withWorker(env, acts, async (tq) => {
    const h = await startLetter(
      env,
      tq,
      letterInput(21, { deadlines: { stepHours: 8, reminderBeforeHours: 0 } }),
    );
    await h.executeUpdate(submitUpdate, {
      args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1], signerId: SIGNER }],
    });
    await env.sleep(7.9 * HOUR);
    await settle();
    expect(notices(acts)).toEqual([]);
    await env.sleep(0.2 * HOUR);
    await eventually(() => expect(notices(acts)).toEqual([['overdue', [V1], undefined, true]]));

    // Resubmitted after a return: a new occurrence of verifier 1's step, with its own overdue notice.
    await h.executeUpdate(verifyUpdate, {
      args: [{ actorId: V1, baseVersionNo: 1, decision: 'return', note: 'Lengkapi lampiran' }],
    });
    await env.sleep(48 * HOUR); // a draft has no deadline
    await settle();
    expect(notices(acts)).toHaveLength(1);
    await h.executeUpdate(submitUpdate, { args: [{ actorId: DRAFTER, baseVersionNo: 1 }] });
    await env.sleep(8.1 * HOUR);
    await eventually(() => expect(notices(acts)).toHaveLength(2));

    await h.executeUpdate(withdrawUpdate, { args: [{ actorId: DRAFTER, reason: 'Batal' }] });
    await h.result();
    await recordHistory(h, 'deadlines-no-reminder-return');
  });
});

import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  assignNumberUpdate,
  signUpdate,
  stateQuery,
  submitUpdate,
  verifyUpdate,
} from '../../workflows/outgoing-letter';
import { incomingStateQuery } from '../../workflows/incoming-letter';
import { incomingWorkflowId, type IncomingLetterInput } from '../../workflows/incoming-letter-types';
import { finalState, mockIncomingActivities } from './incoming-support';
import {
  DRAFTER,
  OPD,
  letterInput,
  mockActivities,
  recordHistory,
  startLetter,
  startTimeSkipping,
  withWorker,
} from './support';

const [V1, SIGNER, ADMIN] = [201, 300, 400];

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

const delivered = (...pairs: [number, number][]): IncomingLetterInput[] =>
  pairs.map(([incomingId, opdId]) => ({ incomingId, opdId, reminderBeforeHours: 24 }));

/** Takes a fresh letter through verification, numbering and signing, then waits for it to be sent. */
async function send(tq: string, letterId: number) {
  const h = await startLetter(env, tq, letterInput(letterId));
  await h.executeUpdate(submitUpdate, {
    args: [{ actorId: DRAFTER, baseVersionNo: 1, verifierIds: [V1], signerId: SIGNER }],
  });
  await h.executeUpdate(verifyUpdate, { args: [{ actorId: V1, baseVersionNo: 1, decision: 'approve' }] });
  await h.executeUpdate(assignNumberUpdate, {
    args: [
      {
        actorId: ADMIN,
        actorIsAdmin: true,
        actorOpdId: OPD,
        number: `000/${letterId}/X/2026`,
        date: '2026-11-28',
      },
    ],
  });
  await h.executeUpdate(signUpdate, { args: [{ actorId: SIGNER, grantId: `g-${letterId}` }] });
  expect(await finalState(h, stateQuery)).toMatchObject({ status: 'sent' });
  return h;
}

test('delivery starts each recipient OPD its own incoming-letter workflow, which outlives the sending letter', async () => {
  const acts = mockActivities();
  acts.deliverLetter
    .mockResolvedValueOnce({ delivered: 2, incoming: delivered([501, 8], [502, 9]) })
    // A second delivery naming a letter already started (e.g. retried): not an error, not a second start.
    .mockResolvedValueOnce({ delivered: 2, incoming: delivered([502, 9], [503, 10]) });
  const incomingActs = mockIncomingActivities();
  await withWorker(env, { ...acts, ...incomingActs }, async (tq) => {
    const h = await send(tq, 40);
    for (const [incomingId, opdId] of [
      [501, 8],
      [502, 9],
    ]) {
      const incoming = env.client.workflow.getHandle(incomingWorkflowId(incomingId));
      const described = await incoming.describe();
      expect(described.status.name).toBe('RUNNING');
      expect(described.type).toBe('incomingLetter');
      expect(described.parentExecution?.workflowId).toBe(h.workflowId);
      expect(await incoming.query(incomingStateQuery)).toMatchObject({
        incomingId,
        opdId,
        status: 'received',
        agendaNumber: null,
      });
    }
    await recordHistory(h, 'incoming-delivery');

    await send(tq, 41);
    const again = await env.client.workflow.getHandle(incomingWorkflowId(502)).describe();
    expect(again.parentExecution?.workflowId).toBe(h.workflowId); // still the first one's
    expect((await env.client.workflow.getHandle(incomingWorkflowId(503)).describe()).status.name).toBe(
      'RUNNING',
    );
  });
});

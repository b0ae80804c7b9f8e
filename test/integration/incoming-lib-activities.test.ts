import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import { createDeliveredIncoming, opdPeople, testIncomingActivities } from '../support/incoming';
import { createWorker, type RunningWorker } from '../../lib/worker/create-worker';
import { seedTestDatabase } from '../support/seeded';
import { startTemporalDevServer } from '../support/temporal-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('incoming activities', () => {
  let t: TestDatabase;
  let env: TestWorkflowEnvironment;
  let running: RunningWorker;
  let run: Promise<void>;
  let people: Awaited<ReturnType<typeof opdPeople>>;
  const client = async () => env.client;

  beforeAll(async () => {
    // A due date puts a deadline on the receiver's agenda, whose reminder workflow runs on this server.
    env = await startTemporalDevServer();
    t = await createTestDatabase('sqlite', {
      env: {
        TEMPORAL_ADDRESS: env.connection.options.address,
        TEMPORAL_TASK_QUEUE: `incoming-activities-${process.pid}`,
      },
    });
    await seedTestDatabase(t);
    people = await opdPeople(t.db, 'DISDIK');
    running = await createWorker(t.config);
    run = running.worker.run();
  });
  afterAll(async () => {
    running?.worker.shutdown();
    await run?.catch(() => undefined);
    await running?.close();
    await t?.drop();
    await env?.teardown();
  });

  it('carry a letter through register, dispositions, statuses, follow-up, notices and close', async () => {
    const activities = testIncomingActivities(t, client);
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject: 'Rapat Evaluasi' });
    const { agendaNumber } = await activities.registerIncoming({ incomingId, actorId: people.admin });
    expect(agendaNumber).toMatch(/^0001\/\d{4}$/);
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    const create = {
      incomingId,
      parentId: null,
      fromUserId: people.admin,
      toUserIds: [people.sekretaris],
      instruction: 'Untuk ditindaklanjuti',
      dueAt,
      key: `incoming-${incomingId}:1`,
    };
    const { ids } = await activities.createDispositions(create);
    expect(await activities.createDispositions(create)).toEqual({ ids });
    // The due date is on the receiver's agenda once, however often the activity runs, with its workflow.
    const deadlines = await t.db('agenda_items').where({ disposition_id: ids[0] });
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject({
      kind: 'deadline',
      responsible_id: people.sekretaris,
      status: 'planned',
    });
    const described = await env.client.workflow.getHandle(`agenda-${deadlines[0].id}`).describe();
    expect(described.status.name).toBe('RUNNING');
    await activities.recordIncomingStatus({ incomingId, actorId: people.admin, status: 'in_progress' });
    await activities.recordDispositionStatus({
      dispositionId: ids[0],
      actorId: people.sekretaris,
      status: 'read',
      action: 'disposition.read',
    });
    await activities.notifyIncoming({ incomingId, userIds: [people.admin], kind: 'followed_up' });
    await activities.recordFollowUp({
      dispositionId: ids[0],
      actorId: people.sekretaris,
      report: 'Selesai.',
      files: [],
    });
    // The follow-up met the due time: the deadline is done and its reminders stopped.
    expect(await t.db('agenda_items').where({ id: deadlines[0].id }).first()).toMatchObject({
      status: 'done',
    });
    const ended = await env.client.workflow.getHandle(`agenda-${deadlines[0].id}`).describe();
    expect(ended.status.name).toBe('COMPLETED');
    await activities.closeIncoming({ incomingId, actorId: null });
    expect(await t.db('incoming_letters').where({ id: incomingId }).first()).toMatchObject({
      status: 'closed',
    });
    expect(
      await t
        .db('notifications')
        .where({ link: `/surat-masuk/${incomingId}` })
        .first(),
    ).toMatchObject({
      user_id: people.admin,
      title: 'Tindak lanjut disposisi dilaporkan: Rapat Evaluasi',
    });
  });

  it('turn a refusal into a non-retryable failure of type refused with the Indonesian message', async () => {
    const activities = testIncomingActivities(t, client);
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK' });
    const refusal = await activities
      .createDispositions({
        incomingId,
        parentId: null,
        fromUserId: people.admin,
        toUserIds: [people.admin],
        instruction: 'Untuk diketahui',
        dueAt: null,
        key: `incoming-${incomingId}:1`,
      })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApplicationFailure);
    expect(refusal).toMatchObject({
      type: 'refused',
      nonRetryable: true,
      message: INCOMING_REFUSAL.selfReceiver,
    });
  });
});

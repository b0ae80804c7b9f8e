import { ApplicationFailure } from '@temporalio/common';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import { createDeliveredIncoming, opdPeople, testIncomingActivities } from '../support/incoming';
import { seedTestDatabase } from '../support/seeded';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('incoming activities', () => {
  let t: TestDatabase;
  let people: Awaited<ReturnType<typeof opdPeople>>;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
    people = await opdPeople(t.db, 'DISDIK');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('carry a letter through register, dispositions, statuses, follow-up, notices and close', async () => {
    const activities = testIncomingActivities(t);
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
    const activities = testIncomingActivities(t);
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

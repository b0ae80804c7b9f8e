import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AppError } from '../../lib/errors';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { notifyAgendaPeople } from '../../lib/agenda/notify-agenda-people';
import {
  endAgendaWorkflow,
  rescheduleAgendaWorkflow,
  startAgendaWorkflow,
} from '../../lib/temporal/agenda-workflow-client';
import { agendaStateQuery, rescheduleAgendaUpdate } from '../../workflows/agenda-item';
import { AGENDA_REFUSAL, agendaWorkflowId, type AgendaActivities } from '../../workflows/agenda-item-types';
import { seedTestDatabase } from '../support/seeded';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-database';
import { HOUR, eventually, refusal, settle, startTimeSkipping, withWorker } from './support';

type Notice = Parameters<AgendaActivities['notifyAgenda']>[0];

const ACTOR = 5;
const config = testConfig({ AGENDA_REMINDER_MINUTES: '60,1440', AGENDA_OVERDUE_REPEAT_HOURS: '24' });

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterAll(() => env?.teardown());

// A test that failed halfway leaves its workflows waiting on a task queue no worker polls any more, which
// would hold up the next test's time skipping: end them.
const started = new Set<number>();
afterEach(async () => {
  for (const itemId of started)
    await env.client.workflow
      .getHandle(agendaWorkflowId(itemId))
      .terminate('test ended')
      .catch(() => undefined);
  started.clear();
});

/**
 * A stub notifyAgenda recording each notice with the workflow time its timer fired at, in hours after
 * `t0` (the test server's time when the item's workflow was started).
 */
function recorder() {
  const calls: { notice: Notice; hour: number }[] = [];
  let t0 = 0;
  const activities: AgendaActivities = {
    notifyAgenda: async (notice) => {
      const at = Context.current().info.currentAttemptScheduledTimestampMs;
      calls.push({ notice, hour: Math.round(((at - t0) / HOUR) * 10) / 10 });
      return true;
    },
  };
  return {
    activities,
    calls,
    /** [kind, seq, hour] of every notice so far. */
    seen: () => calls.map((c) => [c.notice.kind, c.notice.seq, c.hour]),
    begin: async () => (t0 = await env.currentTimeMs()),
    at: (hours: number) => new Date(t0 + hours * HOUR),
  };
}

/** Starts `agenda-<id>` through the real client, on the test worker's task queue. */
async function start(taskQueue: string, itemId: number, startsAt: Date, endsAt: Date, over = config) {
  started.add(itemId);
  await startAgendaWorkflow(
    env.client,
    { ...over, temporal: { ...over.temporal, taskQueue } },
    {
      itemId,
      startsAt,
      endsAt,
    },
  );
  return env.client.workflow.getHandle(agendaWorkflowId(itemId));
}

const completed = (itemId: number) =>
  eventually(
    async () =>
      expect((await env.client.workflow.getHandle(agendaWorkflowId(itemId)).describe()).status.name).toBe(
        'COMPLETED',
      ),
    10_000,
  );

test('reminders fire at the lead times (a day and an hour before), with the dates the timer was set for', async () => {
  const r = recorder();
  await withWorker(env, r.activities, async (tq) => {
    await r.begin();
    const h = await start(tq, 1, r.at(48), r.at(50));
    await start(tq, 1, r.at(48), r.at(50)); // a second start is no error and changes nothing

    await env.sleep(23.5 * HOUR);
    await settle();
    expect(r.seen()).toEqual([]);
    await env.sleep(1 * HOUR); // 24.5 h
    await eventually(() => expect(r.seen()).toEqual([['reminder', 1440, 24]]));
    expect(r.calls[0].notice).toEqual({
      itemId: 1,
      kind: 'reminder',
      seq: 1440,
      startsAt: r.at(48).toISOString(),
      endsAt: r.at(50).toISOString(),
    });
    await env.sleep(22 * HOUR); // 46.5 h
    await settle();
    expect(r.seen()).toHaveLength(1);
    await env.sleep(1 * HOUR); // 47.5 h
    await eventually(() =>
      expect(r.seen()).toEqual([
        ['reminder', 1440, 24],
        ['reminder', 60, 47],
      ]),
    );
    expect(await h.query(agendaStateQuery)).toMatchObject({
      status: 'planned',
      remindersSent: [1440, 60],
      overdueNotices: 0,
    });

    const ended = await endAgendaWorkflow(env.client, 1, { actorId: ACTOR, status: 'done' });
    expect(ended).toMatchObject({ status: 'done', remindersSent: [1440, 60] });
    await completed(1);
    await env.sleep(100 * HOUR);
    await settle();
    expect(r.seen()).toHaveLength(2); // no overdue notice for an item done in time
  });
});

test('moving the date moves the timers: nothing at the old moments, a reminder per lead at the new ones', async () => {
  const r = recorder();
  await withWorker(env, r.activities, async (tq) => {
    await r.begin();
    const h = await start(tq, 2, r.at(48), r.at(50));
    await env.sleep(25 * HOUR);
    await eventually(() => expect(r.seen()).toEqual([['reminder', 1440, 24]]));

    // Only the end moves: the day-before reminder already sent is not sent again.
    let state = await rescheduleAgendaWorkflow(env.client, 2, {
      actorId: ACTOR,
      startsAt: r.at(48).toISOString(),
      endsAt: r.at(52).toISOString(),
    });
    expect(state).toMatchObject({ remindersSent: [1440], endsAt: r.at(52).toISOString() });

    // The start moves a day later: both lead times are ahead again.
    state = await rescheduleAgendaWorkflow(env.client, 2, {
      actorId: ACTOR,
      startsAt: r.at(72).toISOString(),
      endsAt: r.at(74).toISOString(),
    });
    expect(state).toMatchObject({ status: 'planned', remindersSent: [], startsAt: r.at(72).toISOString() });

    await env.sleep(22.5 * HOUR); // 47.5 h: the old hour-before moment passed silently
    await settle();
    expect(r.seen()).toHaveLength(1);
    await env.sleep(1 * HOUR); // 48.5 h
    await eventually(() => expect(r.seen()[1]).toEqual(['reminder', 1440, 48]));
    expect(r.calls[1].notice.startsAt).toBe(r.at(72).toISOString());
    await env.sleep(23 * HOUR); // 71.5 h
    await eventually(() => expect(r.seen()[2]).toEqual(['reminder', 60, 71]));
    await env.sleep(3 * HOUR); // 74.5 h: past the new end
    await eventually(() => expect(r.seen()[3]).toEqual(['overdue', 1, 74]));
    expect(r.seen()).toHaveLength(4);

    // Dates that make no sense are refused by the validator, through the client as a 409.
    const bad = await rescheduleAgendaWorkflow(env.client, 2, {
      actorId: ACTOR,
      startsAt: r.at(80).toISOString(),
      endsAt: r.at(80).toISOString(),
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ status: 409, message: AGENDA_REFUSAL.badDates });
    expect(
      await refusal(
        h.executeUpdate(rescheduleAgendaUpdate, {
          args: [{ actorId: ACTOR, startsAt: 'besok', endsAt: r.at(90).toISOString() }],
        }),
      ),
    ).toBe(AGENDA_REFUSAL.badDates);
    expect((await h.query(agendaStateQuery)).endsAt).toBe(r.at(74).toISOString());

    await endAgendaWorkflow(env.client, 2, { actorId: ACTOR, status: 'cancelled' });
    await completed(2);
  });
});

test('cancelled before anything fired: no notice ever, the workflow completes, later Updates answer null', async () => {
  const r = recorder();
  await withWorker(env, r.activities, async (tq) => {
    await r.begin();
    const h = await start(tq, 3, r.at(48), r.at(50));
    await env.sleep(10 * HOUR);
    expect(await endAgendaWorkflow(env.client, 3, { actorId: ACTOR, status: 'cancelled' })).toMatchObject({
      status: 'cancelled',
      remindersSent: [],
    });
    await completed(3);
    expect((await h.query(agendaStateQuery)).status).toBe('cancelled');
    await env.sleep(200 * HOUR);
    await settle();
    expect(r.seen()).toEqual([]);

    // Finished or never started: nothing left to move, and the database stays the record.
    const move = { actorId: ACTOR, startsAt: r.at(300).toISOString(), endsAt: r.at(301).toISOString() };
    expect(await rescheduleAgendaWorkflow(env.client, 3, move)).toBeNull();
    expect(await endAgendaWorkflow(env.client, 3, { actorId: ACTOR, status: 'done' })).toBeNull();
    expect(await rescheduleAgendaWorkflow(env.client, 999, move)).toBeNull();
  });
});

test('a lead time already past is skipped; overdue notices repeat every N hours until done (0: once)', async () => {
  const r = recorder();
  await withWorker(env, r.activities, async (tq) => {
    await r.begin();
    // Starts in 2 h: the day-before moment is past, only the hour-before reminder is due.
    const h = await start(tq, 4, r.at(2), r.at(3));
    const once = await start(tq, 5, r.at(0.5), r.at(4), {
      ...config,
      agenda: { leadMinutes: [60], overdueRepeatHours: 0 },
    });
    await env.sleep(1.5 * HOUR);
    await eventually(() => expect(r.seen()).toEqual([['reminder', 60, 1]]));
    expect(r.calls[0].notice.itemId).toBe(4);

    await env.sleep(52 * HOUR); // 53.5 h
    const overdue = (itemId: number) =>
      r.calls.filter((c) => c.notice.itemId === itemId && c.notice.kind === 'overdue');
    await eventually(() =>
      expect(overdue(4).map((c) => [c.notice.seq, c.hour])).toEqual([
        [1, 3],
        [2, 27],
        [3, 51],
      ]),
    );
    expect(overdue(5).map((c) => [c.notice.seq, c.hour])).toEqual([[1, 4]]);
    expect(await h.query(agendaStateQuery)).toMatchObject({ remindersSent: [60], overdueNotices: 3 });

    await endAgendaWorkflow(env.client, 4, { actorId: ACTOR, status: 'done' });
    await completed(4);
    await env.sleep(100 * HOUR);
    await settle();
    expect(overdue(4)).toHaveLength(3);
    expect(overdue(5)).toHaveLength(1);
    expect((await once.query(agendaStateQuery)).status).toBe('planned');
    await endAgendaWorkflow(env.client, 5, { actorId: ACTOR, status: 'done' });
  });
});

describe('notifyAgendaPeople on a real SQLite database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedTestDatabase(t);
  });
  afterAll(() => t?.drop());

  it('notifies the responsible person and the participants once; nothing once done or when the dates moved', async () => {
    const db = t.db;
    const user = async (username: string) => Number((await db('users').where({ username }).first('id')).id);
    const [responsible, participant] = [await user('staf1.diskominfo'), await user('admin.diskominfo')];
    const opdId = Number((await db('users').where({ id: responsible }).first('opd_id')).opd_id);
    const startsAt = new Date('2026-12-01T02:00:00.000Z'); // 09.00 WIB
    const endsAt = new Date('2026-12-01T05:30:00.000Z');
    const now = new Date();
    const [itemId] = await db('agenda_items').insert({
      opd_id: opdId,
      unit: 'Bidang Aplikasi Informatika',
      title: 'Rapat koordinasi SPBE',
      place: 'Aula Diskominfo',
      starts_at: startsAt,
      ends_at: endsAt,
      target_output: 'Notulen rapat',
      responsible_id: responsible,
      created_by: responsible,
      created_at: now,
      updated_at: now,
    });
    // The responsible person named again as a participant still gets one notice.
    await db('agenda_participants').insert([
      { agenda_item_id: itemId, user_id: participant },
      { agenda_item_id: itemId, user_id: responsible },
    ]);
    const mail = mailSettingsOf(t.config, () => undefined);
    const notice = {
      itemId,
      kind: 'reminder' as const,
      seq: 60,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    };
    const rows = () =>
      db('notifications')
        .where({ link: `/agenda/${itemId}` })
        .orderBy('id')
        .select('user_id', 'kind', 'title', 'body');

    expect(await notifyAgendaPeople(db, mail, notice)).toBe(true);
    expect((await rows()).map((n) => ({ ...n, user_id: Number(n.user_id) }))).toEqual(
      [participant, responsible]
        .sort((a, b) => a - b)
        .map((userId) => ({
          user_id: userId,
          kind: 'agenda_reminder',
          title: 'Pengingat: Rapat koordinasi SPBE dimulai Selasa, 01 Desember 2026 pukul 09.00 WIB',
          body: 'Tempat: Aula Diskominfo. Target keluaran: Notulen rapat.',
        })),
    );

    expect(await notifyAgendaPeople(db, mail, { ...notice, kind: 'overdue', seq: 1 })).toBe(true);
    expect((await rows()).slice(2).map((n) => [n.kind, n.title])).toEqual([
      ['agenda_overdue', 'Kegiatan Rapat koordinasi SPBE sudah lewat, laporkan hasilnya (Notulen rapat)'],
      ['agenda_overdue', 'Kegiatan Rapat koordinasi SPBE sudah lewat, laporkan hasilnya (Notulen rapat)'],
    ]);

    // A timer set for other dates (the item moved meanwhile) sends nothing.
    const moved = { ...notice, startsAt: new Date(startsAt.getTime() + HOUR).toISOString() };
    expect(await notifyAgendaPeople(db, mail, moved)).toBe(false);
    expect(
      await notifyAgendaPeople(db, mail, { ...notice, endsAt: new Date(endsAt.getTime() + 1).toISOString() }),
    ).toBe(false);
    // Done: nothing either, and an unknown item is no error.
    await db('agenda_items').where({ id: itemId }).update({ status: 'done', done_at: new Date() });
    expect(await notifyAgendaPeople(db, mail, notice)).toBe(false);
    expect(await notifyAgendaPeople(db, mail, { ...notice, itemId: itemId + 1000 })).toBe(false);
    expect(await rows()).toHaveLength(4);
  });
});

import { countTasks } from '../../lib/tasks/count-tasks';
import { listTasks } from '../../lib/tasks/list-tasks';
import { User } from '../../lib/models/user';
import type { Actor } from '../../lib/rbac/policy';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(DATABASE_KINDS)('task counters on %s', (kind) => {
  let t: TestDatabase;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    for (const u of await User.query(t.db).withGraphFetched('roles')) {
      actors[u.username] = { id: u.id, opdId: u.opdId, roles: u.roleNames };
    }
    const now = Date.now();
    const drafter = actors['staf1.diskominfo'];
    const at = (h: number) => new Date(now + h * 3600_000);
    const [letterId] = await t.db('letters').insert({
      opd_id: drafter.opdId,
      drafter_id: drafter.id,
      kind: 'surat-dinas',
      subject: 'Undangan Rapat Koordinasi e-Office',
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000.1.2',
      status: 'verifying',
      created_at: at(0),
      updated_at: at(0),
    });
    const step = (
      seq: number,
      kindName: string,
      assignee: string | null,
      status: string,
      dueHours: number,
    ) => ({
      letter_id: letterId,
      seq,
      kind: kindName,
      assignee_id: assignee ? actors[assignee].id : null,
      opd_id: drafter.opdId,
      status,
      due_at: at(dueHours),
      created_at: at(0),
    });
    await t
      .db('letter_steps')
      .insert([
        step(1, 'verify', 'verifikator1.diskominfo', 'active', -2),
        step(2, 'verify', 'verifikator2.diskominfo', 'waiting', 24),
        step(3, 'number', null, 'active', 5),
        step(4, 'sign', 'kepala.diskominfo', 'waiting', 48),
      ]);
  });
  afterAll(() => t.drop());

  it('counts what is active for each person, and what is overdue', async () => {
    expect(await countTasks(t.db, actors['verifikator1.diskominfo'])).toMatchObject({
      verify: 1,
      overdue: 1,
    });
    // The second verifier sees nothing until the first approves.
    expect(await countTasks(t.db, actors['verifikator2.diskominfo'])).toMatchObject({
      verify: 0,
      overdue: 0,
    });
    expect(await countTasks(t.db, actors['admin.diskominfo'])).toMatchObject({ number: 1, overdue: 0 });
    expect(await countTasks(t.db, actors['admin.disdik'])).toMatchObject({ number: 0 });
    expect(await countTasks(t.db, actors['kepala.diskominfo'])).toMatchObject({ sign: 0 });
  });

  it('lists the tasks with the letter’s subject and due time', async () => {
    const page = await listTasks(t.db, actors['verifikator1.diskominfo'], 'verify', {
      page: 1,
      pageSize: 10,
    });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ title: 'Undangan Rapat Koordinasi e-Office', overdue: true });
    expect(page.items[0].dueAt).toBeInstanceOf(Date);
    const none = await listTasks(t.db, actors['staf2.diskominfo'], 'number', { page: 1, pageSize: 10 });
    expect(none).toMatchObject({ total: 0, items: [] });
  });
});

import { listIncoming } from '../../lib/incoming/list-incoming';
import { recordDispositionStatus } from '../../lib/incoming/record-disposition-status';
import type { Actor } from '../../lib/rbac/policy';
import { actorOf, createIncomingRow, disposeForTest, opdPeople } from '../support/incoming';
import { opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * "Disposisi Saya" (listIncoming 'mine'): counted from the dispositions alone and paged from the
 * (id, dates) index, it must still list each letter once with its latest disposition, newest received
 * first, and count the same with and without filters.
 */
describe.each(DATABASE_KINDS)('the disposition box on %s', (kind) => {
  let t: TestDatabase;
  let staff: Actor;
  /** Letter ids, newest received first. */
  const letters: number[] = [];
  let latestOfTwice = 0;
  let recalledOnly = 0;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    const opd = (await opdIds(t.db)).DISDIK;
    const people = await opdPeople(t.db, 'DISDIK');
    staff = await actorOf(t.db, 'staf3.disdik');
    // Received in an order unlike their ids, so the list must sort by the date.
    const days = [3, 9, 1, 7, 5];
    const ids: { id: number; day: number }[] = [];
    for (const day of days) {
      const id = await createIncomingRow(t.db, {
        opdId: opd,
        subject: `Surat Hari ${day}`,
        receivedAt: new Date(Date.UTC(2026, 10, day, 8)),
      });
      ids.push({ id, day });
      await disposeForTest(t.db, { incomingId: id, fromUserId: people.kepala, toUserIds: [staff.id] });
    }
    letters.push(...ids.sort((a, b) => b.day - a.day).map((l) => l.id));
    // A second disposition of the day-5 letter to the same person: one row, showing the later one.
    [latestOfTwice] = await disposeForTest(t.db, {
      incomingId: ids.find((l) => l.day === 5)!.id,
      fromUserId: people.kepala,
      toUserIds: [staff.id],
      instruction: 'Hadiri',
    });
    // A letter whose only disposition to them was recalled is not theirs.
    recalledOnly = await createIncomingRow(t.db, {
      opdId: opd,
      receivedAt: new Date(Date.UTC(2026, 10, 20)),
    });
    const [recalled] = await disposeForTest(t.db, {
      incomingId: recalledOnly,
      fromUserId: people.kepala,
      toUserIds: [staff.id],
    });
    await recordDispositionStatus(t.db, {
      dispositionId: recalled,
      actorId: people.kepala,
      status: 'recalled',
      action: 'disposition.recall',
    });
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  const mine = (extra: { page?: number; pageSize?: number; q?: string } = {}) =>
    listIncoming(t.db, staff, { box: 'mine', page: 1, pageSize: 2, ...extra });

  it('lists each letter once, newest received first, across pages, with the exact count', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => mine({ page })));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(letters);
    expect(pages[3].items).toEqual([]);
    expect(pages.flatMap((p) => p.items).some((i) => i.id === recalledOnly)).toBe(false);
  });

  it('shows the latest of two dispositions to the person', async () => {
    const all = await mine({ pageSize: 10 });
    const twice = all.items.find((i) => i.subject === 'Surat Hari 5')!;
    expect(twice.disposition).toMatchObject({ id: latestOfTwice, instruction: 'Hadiri', status: 'unread' });
  });

  it('counts the same when a search reads the letters themselves', async () => {
    expect((await mine({ q: 'Surat Hari', pageSize: 10 })).total).toBe(5);
    expect((await mine({ q: 'Hari 5' })).items.map((i) => i.subject)).toEqual(['Surat Hari 5']);
  });
});

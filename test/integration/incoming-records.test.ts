import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { closeIncoming } from '../../lib/incoming/close-incoming';
import { createDispositions } from '../../lib/incoming/create-dispositions';
import { createPaperLetter } from '../../lib/incoming/create-paper-letter';
import { findDispositionForActor } from '../../lib/incoming/find-disposition-for-actor';
import { findIncomingForActor } from '../../lib/incoming/find-incoming-for-actor';
import { listDispositionReceivers } from '../../lib/incoming/list-disposition-receivers';
import { listIncoming } from '../../lib/incoming/list-incoming';
import { listOpenDispositions } from '../../lib/incoming/list-open-dispositions';
import { loadDispositionTree } from '../../lib/incoming/load-disposition-tree';
import { loadIncomingDetail } from '../../lib/incoming/load-incoming-detail';
import { markIncomingRead } from '../../lib/incoming/mark-incoming-read';
import { paperLetterSchema } from '../../lib/incoming/paper-letter-schema';
import { recordDispositionStatus } from '../../lib/incoming/record-disposition-status';
import { recordFollowUp } from '../../lib/incoming/record-follow-up';
import { recordIncomingStatus } from '../../lib/incoming/record-incoming-status';
import { registerIncoming } from '../../lib/incoming/register-incoming';
import { createLetter } from '../../lib/letters/create-letter';
import { listLetterRecipients } from '../../lib/letters/list-letter-recipients';
import type { Actor } from '../../lib/rbac/policy';
import { FileStore } from '../../lib/storage/file-store';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import {
  actorOf,
  createDeliveredIncoming,
  disposeForTest,
  incomingTableCounts,
  opdPeople,
  registerForTest,
} from '../support/incoming';
import { addClassification, opdIds, sampleContent } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const PDF = Buffer.from('%PDF-1.4\n% pindaian surat\n');

describe.each(DATABASE_KINDS)('incoming letter records on %s', (kind) => {
  let t: TestDatabase;
  let opd: Record<string, number>;
  let disdik: Awaited<ReturnType<typeof opdPeople>>;
  let dinkes: Awaited<ReturnType<typeof opdPeople>>;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    disdik = await opdPeople(t.db, 'DISDIK');
    dinkes = await opdPeople(t.db, 'DINKES');
    for (const name of [
      'admin.disdik',
      'kepala.disdik',
      'sekretaris.disdik',
      'verifikator1.disdik',
      'staf1.disdik',
      'staf2.disdik',
      'staf3.disdik',
      'admin.dinkes',
      'kepala.dinkes',
      'superadmin',
    ]) {
      actors[name] = await actorOf(t.db, name);
    }
  });
  afterAll(async () => {
    await t.drop();
  });

  const audits = (action: string, entityId: number) =>
    t.db('audit_log').where({ action, entity_id: String(entityId) });

  /** A DISDIK letter, registered, dispositioned admin → sekretaris → kepala; returns the ids. */
  async function chainToHead(subject?: string) {
    const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject });
    await registerForTest(t.db, incomingId, disdik.admin);
    const [toSecretary] = await disposeForTest(t.db, {
      incomingId,
      fromUserId: disdik.admin,
      toUserIds: [disdik.sekretaris],
    });
    const [toHead] = await disposeForTest(t.db, {
      incomingId,
      parentId: toSecretary,
      fromUserId: disdik.sekretaris,
      toUserIds: [disdik.kepala],
    });
    return { incomingId, toSecretary, toHead };
  }

  describe('the agenda register', () => {
    it('numbers per OPD and year of receipt (in WIB), keeps a number once given, with the audit row', async () => {
      const at = (iso: string, opdCode = 'BAPPEDA') =>
        createDeliveredIncoming(t.db, { opdCode, receivedAt: new Date(iso) });
      const admin = (await opdPeople(t.db, 'BAPPEDA')).admin;
      const first = await at('2026-03-02T02:00:00Z');
      const second = await at('2026-03-03T02:00:00Z');
      const otherOpd = await at('2026-03-03T02:00:00Z', 'BPKAD');
      // 31 December 20:00 UTC is already 1 January in Teluk Kuantan.
      const newYear = await at('2026-12-31T20:00:00Z');

      expect(await registerIncoming(t.db, { incomingId: first, actorId: admin })).toEqual({
        agendaNumber: '0001/2026',
      });
      expect(await registerIncoming(t.db, { incomingId: second, actorId: admin })).toEqual({
        agendaNumber: '0002/2026',
      });
      expect((await registerIncoming(t.db, { incomingId: otherOpd, actorId: admin })).agendaNumber).toBe(
        '0001/2026',
      );
      expect((await registerIncoming(t.db, { incomingId: newYear, actorId: admin })).agendaNumber).toBe(
        '0001/2027',
      );
      // A retry (or a second registration) keeps the number and the date, and writes nothing.
      const before = await incomingTableCounts(t.db);
      expect(
        await registerIncoming(t.db, { incomingId: first, actorId: admin, receivedAt: '2026-05-01' }),
      ).toEqual({ agendaNumber: '0001/2026' });
      expect(await incomingTableCounts(t.db)).toEqual(before);

      const row = await t.db('incoming_letters').where({ id: first }).first();
      expect(row).toMatchObject({
        status: 'registered',
        agenda_number: '0001/2026',
        agenda_year: 2026,
        agenda_seq: 1,
        registered_by: admin,
      });
      expect(new Date(row.received_at).toISOString()).toBe('2026-03-02T02:00:00.000Z');
      const [audit] = await audits('incoming.register', first);
      expect(audit.entity_type).toBe('incoming_letter');
      expect(JSON.parse(audit.data)).toEqual({
        agendaNumber: '0001/2026',
        receivedAt: '2026-03-02T02:00:00.000Z',
      });
      expect(await audits('incoming.register', first)).toHaveLength(1);

      // The date the bagian umum types wins over the moment of arrival; a bad one is refused.
      const typed = await at('2026-04-01T02:00:00Z');
      await expect(
        registerIncoming(t.db, { incomingId: typed, actorId: admin, receivedAt: 'kemarin' }),
      ).rejects.toThrow(new ValidationError('Tanggal diterima tidak valid.'));
      await registerIncoming(t.db, { incomingId: typed, actorId: admin, receivedAt: '2025-12-30' });
      expect(await t.db('incoming_letters').where({ id: typed }).first()).toMatchObject({
        agenda_number: '0001/2025',
      });
    });

    it('never gives a number twice when several letters are registered at once', async () => {
      const admin = (await opdPeople(t.db, 'BPKAD')).admin;
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push(
          await createDeliveredIncoming(t.db, {
            opdCode: 'BPKAD',
            receivedAt: new Date('2031-06-01T03:00:00Z'),
          }),
        );
      }
      const numbers = await Promise.all(
        ids.map((incomingId) => registerIncoming(t.db, { incomingId, actorId: admin })),
      );
      expect(numbers.map((n) => n.agendaNumber).sort()).toEqual([
        '0001/2031',
        '0002/2031',
        '0003/2031',
        '0004/2031',
        '0005/2031',
        '0006/2031',
      ]);
      expect(
        await t.db('audit_log').where({ action: 'incoming.register' }).whereIn('entity_id', ids.map(String)),
      ).toHaveLength(6);
    });
  });

  describe('dispositions', () => {
    it('are written once per key: a retry, even after the due time passed, returns the same ids', async () => {
      const incomingId = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK' });
      await registerForTest(t.db, incomingId, disdik.admin);
      const input = {
        incomingId,
        parentId: null,
        fromUserId: disdik.admin,
        toUserIds: [disdik.sekretaris, disdik.verifikator1],
        instruction: 'Untuk diketahui',
        note: '  Mohon arahan.  ',
        dueAt: inDays(2),
        key: `letter-${incomingId}-1`,
      };
      const { ids } = await createDispositions(t.db, input);
      expect(ids).toHaveLength(2);
      const rows = await t.db('dispositions').whereIn('id', ids).orderBy('id');
      expect(rows.map((r) => [r.to_user_id, r.status, r.note, r.creation_key])).toEqual([
        [disdik.sekretaris, 'unread', 'Mohon arahan.', `letter-${incomingId}-1:${disdik.sekretaris}`],
        [disdik.verifikator1, 'unread', 'Mohon arahan.', `letter-${incomingId}-1:${disdik.verifikator1}`],
      ]);
      const before = await incomingTableCounts(t.db);
      const later = new Date(Date.now() + 5 * DAY_MS);
      expect(await createDispositions(t.db, input, later)).toEqual({ ids });
      expect(await incomingTableCounts(t.db)).toEqual(before);
      for (const id of ids) expect(await audits('disposition.create', id)).toHaveLength(1);
      // Concurrent retries of one key end with one set of rows.
      const again = { ...input, key: `letter-${incomingId}-2`, toUserIds: [disdik.staf1] };
      const results = await Promise.all([createDispositions(t.db, again), createDispositions(t.db, again)]);
      expect(results[0]).toEqual(results[1]);
      expect(
        await t.db('dispositions').where({ creation_key: `letter-${incomingId}-2:${disdik.staf1}` }),
      ).toHaveLength(1);
    });

    it('refuses each bad request with its message and writes nothing', async () => {
      const { incomingId, toSecretary, toHead } = await chainToHead();
      const good: Parameters<typeof createDispositions>[1] = {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.verifikator1],
        instruction: 'Siapkan jawaban',
        dueAt: inDays(3),
        key: `refusals-${incomingId}`,
      };
      await t.db('users').where({ id: disdik.staf3 }).update({ active: false });
      const before = await incomingTableCounts(t.db);
      const cases: [Partial<typeof good>, Error][] = [
        [{ toUserIds: [] }, new ValidationError(INCOMING_REFUSAL.noReceivers)],
        [
          { toUserIds: [disdik.staf1, disdik.staf1] },
          new ValidationError(INCOMING_REFUSAL.duplicateReceiver),
        ],
        [{ toUserIds: [disdik.kepala] }, new ValidationError(INCOMING_REFUSAL.selfReceiver)],
        [
          { instruction: 'Segera bakar' },
          new ValidationError('Petunjuk disposisi harus dipilih dari daftar petunjuk baku.'),
        ],
        [
          { dueAt: new Date(Date.now() - 60_000).toISOString() },
          new ValidationError('Batas waktu disposisi harus di masa mendatang.'),
        ],
        [{ dueAt: 'besok' }, new ValidationError('Batas waktu disposisi tidak valid.')],
        [
          { toUserIds: [disdik.staf1, dinkes.staf1] },
          new ValidationError(
            'Penerima disposisi harus pegawai aktif pada perangkat daerah penerima surat ini.',
          ),
        ],
        [
          { toUserIds: [disdik.staf3] },
          new ValidationError(
            'Penerima disposisi harus pegawai aktif pada perangkat daerah penerima surat ini.',
          ),
        ],
        // Forwarding someone else's disposition, or one of another letter.
        [{ parentId: toSecretary }, new ForbiddenError(INCOMING_REFUSAL.notReceiver)],
        [{ parentId: 987_654 }, new NotFoundError('Disposisi tidak ditemukan.')],
        [{ incomingId: 987_654, parentId: null }, new NotFoundError('Surat masuk tidak ditemukan.')],
      ];
      for (const [change, error] of cases) {
        await expect(createDispositions(t.db, { ...good, ...change })).rejects.toThrow(error);
      }
      expect(await incomingTableCounts(t.db)).toEqual(before);
      // A parent that is no longer open.
      await recordFollowUp(t.db, {
        dispositionId: toHead,
        actorId: disdik.kepala,
        report: 'Selesai.',
        files: [],
      });
      const afterFollowUp = await incomingTableCounts(t.db);
      await expect(createDispositions(t.db, good)).rejects.toThrow(
        new ConflictError(INCOMING_REFUSAL.dispositionFinished),
      );
      expect(await incomingTableCounts(t.db)).toEqual(afterFollowUp);
      // A closed letter.
      await closeIncoming(t.db, { incomingId, actorId: disdik.kepala });
      const closed = await incomingTableCounts(t.db);
      await expect(
        createDispositions(t.db, { ...good, parentId: null, fromUserId: disdik.admin }),
      ).rejects.toThrow(new ConflictError(INCOMING_REFUSAL.closed));
      expect(await incomingTableCounts(t.db)).toEqual(closed);
      await t.db('users').where({ id: disdik.staf3 }).update({ active: true });
    });

    it('record status moves once, refuse a recall once read, and audit each move', async () => {
      const { incomingId, toHead } = await chainToHead();
      const [a, b] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.verifikator1, disdik.verifikator2],
      });
      expect((await t.db('dispositions').where({ id: toHead }).first()).status).toBe('forwarded');
      expect((await t.db('incoming_letters').where({ id: incomingId }).first()).status).toBe('in_progress');
      const read = {
        dispositionId: a,
        actorId: disdik.verifikator1,
        status: 'read' as const,
        action: 'disposition.read',
      };
      await recordDispositionStatus(t.db, read);
      const first = await t.db('dispositions').where({ id: a }).first();
      await recordDispositionStatus(t.db, read);
      expect(await t.db('dispositions').where({ id: a }).first()).toEqual(first);
      expect(first.status).toBe('read');
      expect(first.read_at).not.toBeNull();
      expect(await audits('disposition.read', a)).toHaveLength(1);

      const recall = { actorId: disdik.kepala, status: 'recalled' as const, action: 'disposition.recall' };
      await expect(recordDispositionStatus(t.db, { ...recall, dispositionId: a })).rejects.toThrow(
        new ConflictError(INCOMING_REFUSAL.alreadyRead),
      );
      await recordDispositionStatus(t.db, { ...recall, dispositionId: b });
      await recordDispositionStatus(t.db, { ...recall, dispositionId: b });
      const recalled = await t.db('dispositions').where({ id: b }).first();
      expect(recalled).toMatchObject({ status: 'recalled', read_at: null });
      expect(recalled.finished_at).not.toBeNull();
      expect(await audits('disposition.recall', b)).toHaveLength(1);
      await expect(
        recordDispositionStatus(t.db, { ...read, dispositionId: b, actorId: disdik.verifikator2 }),
      ).rejects.toThrow(new ConflictError(INCOMING_REFUSAL.dispositionFinished));

      await recordIncomingStatus(t.db, { incomingId, actorId: null, status: 'in_progress' });
      expect(
        await t.db('audit_log').where({ action: 'incoming.status', entity_id: String(incomingId) }),
      ).toHaveLength(1);
    });

    it('a follow-up stores the report and its files and finishes the disposition, once', async () => {
      const { incomingId, toHead } = await chainToHead();
      const [toStaff] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.verifikator1],
      });
      const files = new FileStore(t.db, t.config.filesDir);
      const report = await files.put(Buffer.from('%PDF-1.4\n% laporan\n'), { mime: 'application/pdf' });
      const photo = await files.put(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), { mime: 'image/jpeg' });
      const input = {
        dispositionId: toStaff,
        actorId: disdik.verifikator1,
        report: '  Data sudah dikirim ke Bappeda.  ',
        files: [
          { fileId: report.id, name: 'laporan.pdf' },
          { fileId: photo.id, name: 'foto-rapat.jpg' },
        ],
      };
      const before = await incomingTableCounts(t.db);
      await expect(recordFollowUp(t.db, { ...input, report: '   ' })).rejects.toThrow(
        new ValidationError(INCOMING_REFUSAL.reportRequired),
      );
      await expect(recordFollowUp(t.db, { ...input, actorId: disdik.kepala })).rejects.toThrow(
        new ForbiddenError(INCOMING_REFUSAL.notReceiver),
      );
      await expect(
        recordFollowUp(t.db, { ...input, files: [{ fileId: 987_654, name: 'x.pdf' }] }),
      ).rejects.toThrow('Berkas tindak lanjut tidak ditemukan.');
      // The head forwarded it: the report is his staff's to give.
      await expect(
        recordFollowUp(t.db, { ...input, dispositionId: toHead, actorId: disdik.kepala }),
      ).rejects.toThrow(new ConflictError(INCOMING_REFUSAL.forwardedAlready));
      expect(await incomingTableCounts(t.db)).toEqual(before);

      await recordFollowUp(t.db, input);
      await recordFollowUp(t.db, input);
      const row = await t.db('dispositions').where({ id: toStaff }).first();
      expect(row.status).toBe('done');
      expect(row.finished_at).not.toBeNull();
      expect(row.read_at).not.toBeNull();
      const followUps = await t.db('disposition_follow_ups').where({ disposition_id: toStaff });
      expect(followUps).toHaveLength(1);
      expect(followUps[0]).toMatchObject({
        report: 'Data sudah dikirim ke Bappeda.',
        user_id: disdik.verifikator1,
      });
      expect(
        (await t.db('follow_up_files').where({ follow_up_id: followUps[0].id }).orderBy('id')).map((f) => [
          f.file_id,
          f.original_name,
        ]),
      ).toEqual([
        [report.id, 'laporan.pdf'],
        [photo.id, 'foto-rapat.jpg'],
      ]);
      expect(await audits('disposition.follow_up', toStaff)).toHaveLength(1);
    });

    it('closing the letter closes every open disposition, once', async () => {
      const { incomingId, toSecretary, toHead } = await chainToHead();
      const [done, open] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.verifikator1, disdik.verifikator2],
      });
      await recordFollowUp(t.db, {
        dispositionId: done,
        actorId: disdik.verifikator1,
        report: 'Beres.',
        files: [],
      });
      await closeIncoming(t.db, { incomingId, actorId: disdik.kepala, note: ' Sudah cukup. ' });
      const letter = await t.db('incoming_letters').where({ id: incomingId }).first();
      expect(letter).toMatchObject({
        status: 'closed',
        closed_by: disdik.kepala,
        close_note: 'Sudah cukup.',
      });
      expect(letter.closed_at).not.toBeNull();
      const statuses = Object.fromEntries(
        (await t.db('dispositions').where({ incoming_letter_id: incomingId })).map((d) => [d.id, d.status]),
      );
      expect(statuses).toEqual({
        [toSecretary]: 'closed',
        [toHead]: 'closed',
        [done]: 'done',
        [open]: 'closed',
      });
      const before = await incomingTableCounts(t.db);
      await closeIncoming(t.db, { incomingId, actorId: null });
      expect(await incomingTableCounts(t.db)).toEqual(before);
      const [audit] = await audits('incoming.close', incomingId);
      expect(JSON.parse(audit.data)).toMatchObject({ closedDispositions: 3, note: 'Sudah cukup.' });
      // Late records from workflows racing the closing leave it as it is.
      await recordIncomingStatus(t.db, { incomingId, actorId: null, status: 'registered' });
      await recordDispositionStatus(t.db, {
        dispositionId: open,
        actorId: disdik.verifikator2,
        status: 'read',
        action: 'disposition.read',
      });
      expect(await incomingTableCounts(t.db)).toEqual(before);
      expect((await t.db('incoming_letters').where({ id: incomingId }).first()).status).toBe('closed');
      expect((await t.db('dispositions').where({ id: open }).first()).status).toBe('closed');
    });
  });

  describe('who sees what', () => {
    it('an OPD sees only its own letters; a receiver only while not recalled; the giver always', async () => {
      const { incomingId, toHead } = await chainToHead('Laporan Dana BOS Triwulan III');
      const [toStaff1, toStaff2] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.staf1, disdik.staf2],
      });
      const sees = async (name: string) =>
        findIncomingForActor(t.db, actors[name], incomingId).then(
          (row) => Number(row.id) === incomingId,
          (error) => {
            expect(error).toEqual(new NotFoundError('Surat masuk tidak ditemukan.'));
            return false;
          },
        );
      for (const name of [
        'admin.disdik',
        'kepala.disdik',
        'sekretaris.disdik',
        'staf1.disdik',
        'superadmin',
      ]) {
        expect([name, await sees(name)]).toEqual([name, true]);
      }
      for (const name of ['admin.dinkes', 'kepala.dinkes', 'staf3.disdik', 'verifikator1.disdik']) {
        expect([name, await sees(name)]).toEqual([name, false]);
      }
      await recordDispositionStatus(t.db, {
        dispositionId: toStaff2,
        actorId: disdik.kepala,
        status: 'recalled',
        action: 'disposition.recall',
      });
      expect(await sees('staf2.disdik')).toBe(false);
      expect(await sees('kepala.disdik')).toBe(true);

      const dispositionSeen = (name: string, id: number) =>
        findDispositionForActor(t.db, actors[name], id).then(
          () => true,
          (e) => (expect(e).toEqual(new NotFoundError('Disposisi tidak ditemukan.')), false),
        );
      expect(await dispositionSeen('staf1.disdik', toStaff1)).toBe(true);
      expect(await dispositionSeen('kepala.disdik', toStaff1)).toBe(true);
      expect(await dispositionSeen('staf2.disdik', toStaff1)).toBe(false);
      expect(await dispositionSeen('admin.dinkes', toStaff1)).toBe(false);
      await expect(findIncomingForActor(t.db, actors['admin.disdik'], -1)).rejects.toThrow(NotFoundError);

      expect((await listOpenDispositions(t.db, incomingId, disdik.staf1)).map((d) => d.id)).toEqual([
        toStaff1,
      ]);
      expect(await listOpenDispositions(t.db, incomingId, disdik.staf2)).toEqual([]);
    });

    it("lists the OPD's letters for its bagian umum and one's own dispositions for everyone", async () => {
      const subject = 'Undangan Sosialisasi Kurikulum Merdeka';
      const { incomingId, toHead } = await chainToHead(subject);
      const dueAt = inDays(1);
      const [toStaff] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.staf3],
        instruction: 'Hadiri',
        dueAt,
      });
      const dinkesLetter = await createDeliveredIncoming(t.db, { opdCode: 'DINKES', subject });
      const page = { page: 1, pageSize: 50 };

      const opdBox = await listIncoming(t.db, actors['admin.disdik'], {
        box: 'opd',
        q: 'kurikulum merdeka',
        ...page,
      });
      expect(opdBox.items.map((i) => i.id)).toEqual([incomingId]);
      expect(opdBox.items[0]).toMatchObject({ subject, status: 'in_progress', source: 'delivery' });
      expect(opdBox.items[0].agendaNumber).toMatch(/^\d{4}\/\d{4}$/);
      expect(opdBox.items[0].disposition).toBeUndefined();
      const byAgenda = await listIncoming(t.db, actors['admin.disdik'], {
        box: 'opd',
        q: opdBox.items[0].agendaNumber!,
        ...page,
      });
      expect(byAgenda.items.map((i) => i.id)).toContain(incomingId);
      const dinkesBox = await listIncoming(t.db, actors['admin.dinkes'], { box: 'opd', q: subject, ...page });
      expect(dinkesBox.items.map((i) => i.id)).toEqual([dinkesLetter]);
      await expect(listIncoming(t.db, actors['kepala.disdik'], { box: 'opd', ...page })).rejects.toThrow(
        ForbiddenError,
      );
      // '%' matches itself only.
      expect((await listIncoming(t.db, actors['admin.disdik'], { box: 'opd', q: '%', ...page })).total).toBe(
        0,
      );

      const mine = await listIncoming(t.db, actors['staf3.disdik'], { box: 'mine', ...page });
      expect(mine.items.map((i) => i.id)).toEqual([incomingId]);
      expect(mine.items[0].disposition).toEqual({
        id: toStaff,
        status: 'unread',
        instruction: 'Hadiri',
        dueAt: new Date(dueAt),
        overdue: false,
      });
      const later = new Date(Date.now() + 2 * DAY_MS);
      const overdue = await listIncoming(t.db, actors['staf3.disdik'], { box: 'mine', ...page }, later);
      expect(overdue.items[0].disposition!.overdue).toBe(true);
      const head = await listIncoming(t.db, actors['kepala.disdik'], { box: 'mine', q: subject, ...page });
      expect(head.items[0].disposition).toMatchObject({ id: toHead, status: 'forwarded', overdue: false });
      expect(
        (await listIncoming(t.db, actors['kepala.dinkes'], { box: 'mine', q: subject, ...page })).total,
      ).toBe(0);

      await recordDispositionStatus(t.db, {
        dispositionId: toStaff,
        actorId: disdik.kepala,
        status: 'recalled',
        action: 'disposition.recall',
      });
      expect((await listIncoming(t.db, actors['staf3.disdik'], { box: 'mine', ...page })).total).toBe(0);
    });

    it('offers the actor’s own OPD as receivers, direct subordinates first', async () => {
      const receivers = await listDispositionReceivers(t.db, actors['kepala.disdik']);
      expect(
        receivers
          .filter((r) => r.subordinate)
          .map((r) => r.id)
          .sort(),
      ).toEqual([disdik.sekretaris, disdik.verifikator1, disdik.verifikator2].sort());
      expect(receivers.slice(0, 3).every((r) => r.subordinate)).toBe(true);
      expect(receivers.map((r) => r.id)).not.toContain(disdik.kepala);
      const everyone = await t.db('users').where({ opd_id: opd.DISDIK, active: true }).count({ n: '*' });
      expect(receivers).toHaveLength(Number(everyone[0].n) - 1);
      const rest = receivers.filter((r) => !r.subordinate).map((r) => r.name);
      expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'id')));
    });
  });

  describe('what the pages show', () => {
    it('a paper letter: validated metadata, its scan in the file store, the detail with names', async () => {
      const files = new FileStore(t.db, t.config.filesDir);
      const meta = paperLetterSchema.parse({
        senderName: ' Kementerian Pendidikan ',
        number: '400.3/77/2026',
        letterDate: '2026-11-20',
        subject: 'Pendataan Guru Honorer',
        sifat: 'penting',
        urgency: 'segera',
        classification: '400',
        receivedAt: '2026-11-24',
      });
      expect(
        paperLetterSchema
          .safeParse({ ...meta, letterDate: '2026-02-30', sifat: 'kilat' })
          .error?.issues.map((i) => [i.path.join('.'), i.message]),
      ).toEqual([
        ['letterDate', 'harus berupa tanggal yang valid (tttt-bb-hh)'],
        ['sifat', 'harus salah satu dari: biasa, penting, terbatas, rahasia, sangat_rahasia'],
      ]);
      const scan = { bytes: PDF, type: 'application/pdf' as const, originalName: 'scan.pdf' };
      const input = { actorId: disdik.admin, opdId: opd.DISDIK, meta, scan };
      const before = await incomingTableCounts(t.db);
      await expect(
        createPaperLetter(t.db, files, { ...input, meta: { ...meta, classification: '999.9' } }),
      ).rejects.toThrow(new ValidationError('Kode klasifikasi 999.9 tidak terdaftar.'));
      expect(await incomingTableCounts(t.db)).toEqual(before);

      const { incomingId } = await createPaperLetter(t.db, files, input);
      expect(await audits('incoming.create_paper', incomingId)).toHaveLength(1);
      const agendaNumber = await registerForTest(t.db, incomingId, disdik.admin);
      expect(await markIncomingRead(t.db, disdik.admin, incomingId)).toBe(true);
      expect(await markIncomingRead(t.db, disdik.admin, incomingId)).toBe(false);
      expect(await audits('incoming.read', incomingId)).toHaveLength(1);

      const detail = await loadIncomingDetail(t.db, incomingId);
      expect(await files.read(await files.get(detail.scan!.id))).toEqual(PDF);
      expect(detail).toMatchObject({
        id: incomingId,
        opdId: opd.DISDIK,
        opdName: 'Dinas Pendidikan',
        headUserId: disdik.kepala,
        source: 'paper',
        senderOpdId: null,
        senderOpdName: null,
        senderName: 'Kementerian Pendidikan',
        number: '400.3/77/2026',
        letterDate: '2026-11-20',
        classification: '400',
        agendaNumber,
        receivedAt: new Date('2026-11-24T00:00:00Z'),
        registeredBy: { id: disdik.admin, name: expect.any(String) },
        scan: { id: expect.any(Number), type: 'application/pdf' },
        letterId: null,
        status: 'registered',
        closedAt: null,
        closedBy: null,
      });
      expect(detail.readAt).toBeInstanceOf(Date);
      const delivered = await loadIncomingDetail(
        t.db,
        await createDeliveredIncoming(t.db, { opdCode: 'DISDIK' }),
      );
      expect(delivered).toMatchObject({ senderOpdName: expect.stringContaining('Komunikasi'), scan: null });
    });

    it('the disposition tree: nested in creation order, with people, status, due time and follow-up', async () => {
      const { incomingId, toSecretary, toHead } = await chainToHead();
      const dueAt = inDays(2);
      const [v1, v2] = await disposeForTest(t.db, {
        incomingId,
        parentId: toHead,
        fromUserId: disdik.kepala,
        toUserIds: [disdik.verifikator1, disdik.verifikator2],
        instruction: 'Koordinasikan',
        note: 'Libatkan sekolah.',
        dueAt,
      });
      const [staff] = await disposeForTest(t.db, {
        incomingId,
        parentId: v1,
        fromUserId: disdik.verifikator1,
        toUserIds: [disdik.staf1],
      });
      await recordFollowUp(t.db, {
        dispositionId: v2,
        actorId: disdik.verifikator2,
        report: 'Sudah.',
        files: [],
      });
      const tree = await loadDispositionTree(t.db, incomingId);
      const shape = (nodes: typeof tree): unknown =>
        nodes.map((n) => ({ id: n.id, to: n.to.id, status: n.status, children: shape(n.children) }));
      expect(shape(tree)).toEqual([
        {
          id: toSecretary,
          to: disdik.sekretaris,
          status: 'forwarded',
          children: [
            {
              id: toHead,
              to: disdik.kepala,
              status: 'forwarded',
              children: [
                {
                  id: v1,
                  to: disdik.verifikator1,
                  status: 'forwarded',
                  children: [{ id: staff, to: disdik.staf1, status: 'unread', children: [] }],
                },
                { id: v2, to: disdik.verifikator2, status: 'done', children: [] },
              ],
            },
          ],
        },
      ]);
      const v1Node = tree[0].children[0].children[0];
      expect(v1Node).toMatchObject({
        parentId: toHead,
        from: { id: disdik.kepala, name: expect.any(String), position: expect.stringContaining('Kepala') },
        instruction: 'Koordinasikan',
        note: 'Libatkan sekolah.',
        dueAt: new Date(dueAt),
        overdue: false,
        followUp: null,
      });
      expect(tree[0].children[0].children[1].followUp).toEqual({
        report: 'Sudah.',
        createdAt: expect.any(Date),
        files: [],
      });
      const late = await loadDispositionTree(t.db, incomingId, new Date(Date.now() + 3 * DAY_MS));
      const lateV1 = late[0].children[0].children[0];
      expect([lateV1.overdue, late[0].children[0].children[1].overdue]).toEqual([true, false]);
    });

    it("the sender sees each recipient's progress: received, read, dispositioned, finished", async () => {
      await addClassification(t.db);
      const drafter = (await opdPeople(t.db, 'DISKOMINFO')).staf1;
      const content = sampleContent(opd, {
        recipientOpdIds: [opd.DISDIK, opd.DINKES, opd.BAPPEDA],
        ccOpdIds: [opd.SETDA],
      });
      const { letterId } = await createLetter(t.db, { drafterId: drafter, content });
      const progress = async () =>
        Object.fromEntries((await listLetterRecipients(t.db, letterId)).map((r) => [r.opdId, r.progress]));
      expect(Object.values(await progress())).toEqual([null, null, null, null]);

      const deliver = (opdCode: string) => createDeliveredIncoming(t.db, { opdCode, letterId });
      const toDisdik = await deliver('DISDIK');
      const toDinkes = await deliver('DINKES');
      const toBappeda = await deliver('BAPPEDA');
      const toSetda = await deliver('SETDA');
      expect(await progress()).toEqual({
        [opd.DISDIK]: 'received',
        [opd.DINKES]: 'received',
        [opd.BAPPEDA]: 'received',
        [opd.SETDA]: 'received',
      });
      await markIncomingRead(t.db, dinkes.admin, toDinkes);
      await registerForTest(t.db, toBappeda, (await opdPeople(t.db, 'BAPPEDA')).admin);
      const [toSecretary] = await disposeForTest(t.db, {
        incomingId: toDisdik,
        fromUserId: disdik.admin,
        toUserIds: [disdik.sekretaris],
      });
      await closeIncoming(t.db, { incomingId: toSetda, actorId: null });
      expect(await progress()).toEqual({
        [opd.DISDIK]: 'dispositioned',
        [opd.DINKES]: 'read',
        [opd.BAPPEDA]: 'read',
        [opd.SETDA]: 'finished',
      });
      // Still dispositioned while a live disposition exists, finished once closed.
      await recordDispositionStatus(t.db, {
        dispositionId: toSecretary,
        actorId: disdik.sekretaris,
        status: 'done',
        action: 'disposition.finish',
      });
      expect((await progress())[opd.DISDIK]).toBe('dispositioned');
      await closeIncoming(t.db, { incomingId: toDisdik, actorId: null });
      expect((await progress())[opd.DISDIK]).toBe('finished');
      const [recipient] = await listLetterRecipients(t.db, letterId);
      expect(recipient).toMatchObject({ opdId: opd.DISDIK, kind: 'to', incomingStatus: 'closed' });
    });
  });
});

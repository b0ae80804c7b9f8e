import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { createLetter } from '../../lib/letters/create-letter';
import { createSigningGrant } from '../../lib/letters/create-signing-grant';
import { BrowserPool } from '../../lib/pdf/browser-pool';
import { TEMPLATES } from '../../templates';
import { agendaWorkflowId } from '../../workflows/agenda-item-types';
import { createDeliveredIncoming, opdPeople, registerForTest } from '../support/incoming';
import { addClassification, opdIds, sampleContent } from '../support/letters';
import { issueTestCertificate, setupTestCa, TEST_PASSPHRASE, type TestPki } from '../support/pki';
import { seedTestDatabase } from '../support/seeded';
import { startTemporalDevServer } from '../support/temporal-server';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Agenda items made from letters, through the activities as the worker builds them, on a real Temporal
 * server (each item's reminder workflow must be started): an invitation dispositioned with "Hadiri"
 * gives exactly its receivers the meeting, a disposition's due time gives a deadline, a signed Surat
 * Tugas gives each named person with a known NIP the assignment; a retried activity adds nothing.
 */

jest.setTimeout(120_000);

const INVITATION = {
  ...TEMPLATES['surat-undangan'].example,
  tanggalAcara: '2026-12-07',
  waktuMulai: '09:00',
  waktuSelesai: '11:30',
  tempat: 'Aula Kantor Bupati Kuantan Singingi',
  acara: 'Rapat Koordinasi Penerapan e-Office',
};

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTemporalDevServer();
});
afterAll(async () => {
  await env?.teardown();
});

describe.each(DATABASE_KINDS)('agenda items made from letters on %s', (kind) => {
  let t: TestDatabase;
  let pki: TestPki;
  let pool: BrowserPool;
  let activities: ReturnType<typeof createActivities>;
  let opd: Record<string, number>;
  let disdik: Awaited<ReturnType<typeof opdPeople>>;
  let kominfo: Awaited<ReturnType<typeof opdPeople>>;
  let keys = 0;

  const itemsWhere = (where: Record<string, unknown>) => t.db('agenda_items').where(where).orderBy('id');
  const count = async (table: string) => Number((await t.db(table).count('* as n'))[0].n);
  const workflowRuns = async (itemId: number) =>
    (await env.client.workflow.getHandle(agendaWorkflowId(itemId)).describe()).status.name;
  const dispose = (incomingId: number, toUserIds: number[], instruction: string, dueAt: string | null) => {
    keys += 1;
    return {
      incomingId,
      parentId: null,
      fromUserId: disdik.admin,
      toUserIds,
      instruction,
      dueAt,
      key: `agenda-test-${kind}-${keys}`,
    };
  };
  const invitationTo = async (opdCode: string) => {
    const { letterId } = await createLetter(t.db, {
      drafterId: kominfo.staf1,
      content: sampleContent(opd, {
        kind: 'surat-undangan',
        subject: 'Undangan Rapat Koordinasi e-Office',
        fields: INVITATION,
        recipientOpdIds: [opd[opdCode]],
        ccOpdIds: [],
      }),
    });
    const incomingId = await createDeliveredIncoming(t.db, {
      opdCode,
      letterId,
      subject: 'Undangan Rapat Koordinasi e-Office',
    });
    await registerForTest(t.db, incomingId, disdik.admin);
    return incomingId;
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind, { env: { P12_KDF_ITERATIONS: '10000' } });
    await seedTestDatabase(t);
    await addClassification(t.db);
    pki = await setupTestCa(t);
    await issueTestCertificate(t);
    pool = new BrowserPool({ chromiumPath: t.config.pdf.chromiumPath, size: 1 });
    activities = createActivities({
      db: t.db,
      files: pki.files,
      config: { ...t.config, pki: pki.pki },
      pool,
      temporalClient: async () => env.client,
    });
    opd = await opdIds(t.db);
    disdik = await opdPeople(t.db, 'DISDIK');
    kominfo = await opdPeople(t.db, 'DISKOMINFO');
  });
  afterAll(async () => {
    await pool?.close();
    await t?.drop();
  });

  it('puts a "Hadiri" invitation on the agenda of exactly its receivers, once', async () => {
    const incomingId = await invitationTo('DISDIK');
    const input = dispose(incomingId, [disdik.verifikator1, disdik.staf2], 'Hadiri', null);
    const { ids } = await activities.createDispositions(input);

    const items = await itemsWhere({ incoming_letter_id: incomingId });
    expect(items.map((i) => [Number(i.responsible_id), Number(i.disposition_id)])).toEqual([
      [disdik.verifikator1, ids[0]],
      [disdik.staf2, ids[1]],
    ]);
    const units = await t
      .db('users')
      .whereIn('id', [disdik.verifikator1, disdik.staf2])
      .orderBy('id')
      .pluck('unit');
    expect(items.map((i) => i.unit)).toEqual(units);
    for (const item of items) {
      expect(item).toMatchObject({
        opd_id: opd.DISDIK,
        title: 'Menghadiri: Rapat Koordinasi Penerapan e-Office',
        place: 'Aula Kantor Bupati Kuantan Singingi',
        target_output: 'Laporan hasil kegiatan',
        kind: 'event',
        source: 'invitation',
        source_key: `invitation:${item.disposition_id}`,
        status: 'planned',
        created_by: disdik.admin,
      });
      // 09:00–11:30 WIB.
      expect(new Date(item.starts_at).toISOString()).toBe('2026-12-07T02:00:00.000Z');
      expect(new Date(item.ends_at).toISOString()).toBe('2026-12-07T04:30:00.000Z');
      expect(await workflowRuns(Number(item.id))).toBe('RUNNING');
    }

    // A retry of the activity (same key) returns the same dispositions and adds no item, no audit row.
    const [before, audits] = [await count('agenda_items'), await count('audit_log')];
    expect(await activities.createDispositions(input)).toEqual({ ids });
    expect([await count('agenda_items'), await count('audit_log')]).toEqual([before, audits]);
  });

  it('adds no meeting for another instruction, or for a letter that is not an invitation', async () => {
    const invitation = await invitationTo('DISDIK');
    await activities.createDispositions(dispose(invitation, [disdik.staf1], 'Untuk diketahui', null));
    expect(await itemsWhere({ incoming_letter_id: invitation })).toEqual([]);

    const paper = await createDeliveredIncoming(t.db, { opdCode: 'DISDIK', subject: 'Surat Edaran' });
    await registerForTest(t.db, paper, disdik.admin);
    await activities.createDispositions(dispose(paper, [disdik.staf1], 'Hadiri', null));
    expect(await itemsWhere({ incoming_letter_id: paper })).toEqual([]);
  });

  it('puts a disposition’s due time on the receiver’s agenda as a deadline', async () => {
    const incomingId = await createDeliveredIncoming(t.db, {
      opdCode: 'DISDIK',
      subject: 'Permintaan Data Guru',
    });
    await registerForTest(t.db, incomingId, disdik.admin);
    const dueAt = new Date(Date.now() + 3 * 86_400_000);
    dueAt.setUTCMilliseconds(0);
    const { ids } = await activities.createDispositions(
      dispose(incomingId, [disdik.sekretaris], 'Untuk ditindaklanjuti', dueAt.toISOString()),
    );
    const [item, ...more] = await itemsWhere({ incoming_letter_id: incomingId });
    expect(more).toEqual([]);
    expect(item).toMatchObject({
      opd_id: opd.DISDIK,
      responsible_id: disdik.sekretaris,
      disposition_id: ids[0],
      title: 'Tenggat disposisi: Permintaan Data Guru',
      target_output: 'Tindak lanjut disposisi',
      kind: 'deadline',
      source: 'disposition',
      source_key: `disposition:${ids[0]}`,
    });
    expect(new Date(item.starts_at).toISOString()).toBe(dueAt.toISOString());
    expect(new Date(item.ends_at).toISOString()).toBe(dueAt.toISOString());
    expect(await workflowRuns(Number(item.id))).toBe('RUNNING');
  });

  it('puts a signed Surat Tugas on the agenda of each named person found by NIP', async () => {
    const people = await t
      .db('users')
      .whereIn('id', [kominfo.staf2, disdik.staf3])
      .orderBy('id')
      .select('id', 'nip', 'name', 'opd_id', 'unit');
    const { letterId } = await createLetter(t.db, {
      drafterId: kominfo.staf1,
      content: sampleContent(opd, {
        kind: 'surat-tugas',
        subject: 'Pendampingan e-Office di Kecamatan',
        fields: {
          ...TEMPLATES['surat-tugas'].example,
          pegawai: [
            ...people.map((p) => ({ nama: p.name, nip: p.nip, jabatan: 'Pranata Komputer' })),
            // Unknown to e-Office, and a person without a NIP: passed over.
            { nama: 'Pegawai Lain', nip: '199001012020121001', jabatan: 'Analis' },
            { nama: 'Tenaga Honorer', jabatan: 'Operator' },
          ],
          tanggalMulai: '2026-12-01',
          tanggalSelesai: '2026-12-03',
          tempatTugas: 'Kantor Camat Singingi Hilir',
        },
        recipientOpdIds: [opd.DISDIK],
        ccOpdIds: [],
      }),
    });
    await t
      .db('letters')
      .where({ id: letterId })
      .update({ number: '094/1/DISKOMINFO/2026', number_date: '2026-11-28', signer_id: kominfo.kepala });
    const { grantId } = await createSigningGrant(
      { db: t.db, files: pki.files, pki: pki.pki },
      { letterId, signerId: kominfo.kepala, passphrase: TEST_PASSPHRASE },
    );
    const signed = await activities.signLetter({ letterId, signerId: kominfo.kepala, grantId });

    const items = await itemsWhere({ letter_id: letterId });
    expect(items.map((i) => [Number(i.responsible_id), Number(i.opd_id), i.unit])).toEqual(
      people.map((p) => [Number(p.id), Number(p.opd_id), p.unit]),
    );
    for (const item of items) {
      expect(item).toMatchObject({
        title: 'Tugas: Pendampingan e-Office di Kecamatan',
        place: 'Kantor Camat Singingi Hilir',
        target_output: 'Laporan pelaksanaan tugas',
        kind: 'event',
        source: 'assignment',
        source_key: `assignment:${letterId}:${item.responsible_id}`,
        created_by: kominfo.kepala,
      });
      // Whole days in WIB: 1 December 00:00 to 3 December 23:59.
      expect(new Date(item.starts_at).toISOString()).toBe('2026-11-30T17:00:00.000Z');
      expect(new Date(item.ends_at).toISOString()).toBe('2026-12-03T16:59:00.000Z');
      expect(await workflowRuns(Number(item.id))).toBe('RUNNING');
    }

    // A retry after success signs nothing again and adds no item.
    const before = await count('agenda_items');
    expect(await activities.signLetter({ letterId, signerId: kominfo.kepala, grantId })).toEqual(signed);
    expect(await count('agenda_items')).toBe(before);
  });
});

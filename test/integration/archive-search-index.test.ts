import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { searchArchive } from '../../lib/archive/search-archive';
import { createPaperLetter } from '../../lib/incoming/create-paper-letter';
import { paperLetterSchema } from '../../lib/incoming/paper-letter-schema';
import { registerIncoming } from '../../lib/incoming/register-incoming';
import { createLetter } from '../../lib/letters/create-letter';
import { deliverLetter } from '../../lib/letters/deliver-letter';
import { registerNumber } from '../../lib/letters/register-number';
import { saveLetterVersion } from '../../lib/letters/save-letter-version';
import { updateOpdProfile } from '../../lib/opd/update-opd-profile';
import { mailSettingsOf } from '../../lib/notifications/send-notification-emails';
import { projectRoot } from '../../lib/paths';
import type { Actor } from '../../lib/rbac/policy';
import { reindexArchive } from '../../lib/search/reindex-archive';
import { FileStore } from '../../lib/storage/file-store';
import { tinyPdf } from '../support/incoming-api';
import { actorOf } from '../support/incoming';
import { addClassification, opdIds, sampleContent } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The archive search's index kept by the services that change what a letter says: drafting, editing,
 * numbering, delivery, a paper letter and its agenda number each leave the search finding the letter
 * by its words of now, and no longer by the words it dropped; `eoffice reindex-search` catches up on
 * letters written without it (needs `npm run build` first).
 */
const CLI = path.join(projectRoot, 'dist', 'bin', 'eoffice.js');

describe.each(DATABASE_KINDS)('the archive search index on %s', (kind) => {
  let t: TestDatabase;
  let opd: Record<string, number>;
  let superadmin: Actor;
  let drafter: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    superadmin = await actorOf(t.db, 'superadmin');
    drafter = await actorOf(t.db, 'staf1.diskominfo');
    admin = await actorOf(t.db, 'admin.diskominfo');
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** What a search finds, as `keluar:<id>` / `masuk:<id>`, sorted. */
  const found = async (q: string, more: { from?: string; to?: string; actor?: Actor } = {}) =>
    (await searchArchive(t.db, more.actor ?? superadmin, { page: 1, q, from: more.from, to: more.to })).items
      .map((i) => `${i.kind}:${i.id}`)
      .sort();

  it('follows an outgoing letter from its draft to its delivered copies', async () => {
    const body = (isi: string) => ({ ...sampleContent(opd).fields, isi });
    const { letterId } = await createLetter(t.db, {
      drafterId: drafter.id,
      content: sampleContent(opd, {
        subject: 'Rencana Penganggaran Jaringan',
        fields: body('<p>Pemasangan <strong>menara</strong> telekomunikasi.</p>'),
      }),
    });
    const mine = `keluar:${letterId}`;
    // A part of a word, any case, words in any order, across the subject and the body.
    expect(await found('ANGGARAN')).toEqual([mine]);
    expect(await found('menara rencana')).toEqual([mine]);
    expect(await found('telekomunikasi, jaringan!')).toEqual([mine]);
    expect(await found('menara kota')).toEqual([]);
    // The rich text's tags are not its words.
    expect(await found('strong')).toEqual([]);
    // A recipient OPD's name, matched at search time.
    expect(await found('kesehatan penganggaran')).toEqual([mine]);

    await saveLetterVersion(t.db, {
      letterId,
      authorId: drafter.id,
      baseVersionNo: 1,
      content: sampleContent(opd, {
        subject: 'Rencana Pengadaan Server',
        fields: body('Pusat data daerah.'),
      }),
    });
    expect(await found('anggaran')).toEqual([]);
    expect(await found('menara')).toEqual([]);
    expect(await found('server pusat')).toEqual([mine]);

    // Numbering gives it a number and the date the archive's date filter reads.
    expect(await found('server', { from: '2026-11-01' })).toEqual([]);
    await registerNumber(t.db, {
      letterId,
      actorId: admin.id,
      number: '000.1.2/41/DISKOMINFO/2026',
      date: '2026-11-20',
    });
    expect(await found('41/diskominfo')).toEqual([mine]);
    // A number is found whole: 41 is not a part of 141 or 2041, nor 4 a part of 41.
    expect(await found('4 diskominfo')).toEqual([]);
    expect(await found('000.1.2')).toEqual([mine]);
    expect(await found('server', { from: '2026-11-01', to: '2026-11-30' })).toEqual([mine]);
    expect(await found('server', { to: '2026-11-19' })).toEqual([]);

    // Delivered (its signature is not what the search reads): one copy in each recipient OPD.
    await t
      .db('letters')
      .where({ id: letterId })
      .update({ signed_file_id: await aFile(), status: 'sending' });
    const { incoming } = await deliverLetter(
      t.db,
      mailSettingsOf(t.config, () => {}),
      {
        letterId,
      },
    );
    const copies = incoming.map((i) => `masuk:${i.incomingId}`);
    expect(copies).toHaveLength(3);
    expect(await found('41/DISKOMINFO')).toEqual([mine, ...copies].sort());
    expect(await found('persandian server', { from: '2026-11-20', to: '2026-11-20' })).toEqual(copies.sort());
    // Each OPD's bagian umum finds its own copy only.
    const disdik = await actorOf(t.db, 'admin.disdik');
    const own = incoming.find((i) => i.opdId === opd.DISDIK)!.incomingId;
    expect(await found('pengadaan server', { actor: disdik })).toEqual([`masuk:${own}`]);

    // A recipient OPD renamed: the letter is found by the new name, not the old one.
    expect(await found('berencana')).toEqual([]);
    await updateOpdProfile(t.db, {
      actor: superadmin,
      opdId: opd.DINKES,
      patch: { name: 'Dinas Kesehatan dan Keluarga Berencana' },
    });
    expect(await found('berencana server')).toEqual([mine]);
    await updateOpdProfile(t.db, { actor: superadmin, opdId: opd.DINKES, patch: { name: 'Dinas Sosial' } });
    expect(await found('kesehatan server')).toEqual([]);
  });

  it('indexes a letter of more words than one statement writes', async () => {
    const words = Array.from({ length: 1_500 }, (_, i) => `kata${i}`);
    const { letterId } = await createLetter(t.db, {
      drafterId: drafter.id,
      content: sampleContent(opd, {
        subject: 'Daftar Istilah',
        fields: { ...sampleContent(opd).fields, isi: `<p>${words.join(' ')}</p>` },
      }),
    });
    expect(await found('kata1499 kata0 istilah')).toEqual([`keluar:${letterId}`]);
  });

  it('finds a paper letter by what was typed in, and by its agenda number once registered', async () => {
    const disdik = await actorOf(t.db, 'admin.disdik');
    const { incomingId } = await createPaperLetter(t.db, new FileStore(t.db, t.config.filesDir), {
      actorId: disdik.id,
      opdId: opd.DISDIK,
      meta: paperLetterSchema.parse({
        senderName: 'Lembaga Penjaminan Mutu Pendidikan',
        number: 'B-77/LPMP/2026',
        letterDate: '2026-11-21',
        subject: 'Supervisi Akreditasi Sekolah',
        sifat: 'biasa',
        urgency: 'biasa',
        classification: '400',
      }),
      scan: { bytes: tinyPdf('paper'), type: 'application/pdf', originalName: 'scan.pdf' },
    });
    const paper = `masuk:${incomingId}`;
    expect(await found('lpmp akreditasi')).toEqual([paper]);
    expect(await found('penjaminan', { actor: disdik })).toEqual([paper]);
    expect(await found('penjaminan', { actor: admin })).toEqual([]);

    const { agendaNumber } = await registerIncoming(t.db, { incomingId, actorId: disdik.id });
    expect(await found(agendaNumber)).toContain(paper);
    expect(await found(`${agendaNumber} supervisi`)).toEqual([paper]);
  });

  it('catches up on letters written without indexing: since a time, or all with the CLI', async () => {
    // What the previous release's web wrote while an upgrade rolled out: letters without postings.
    const letters = await t.db('incoming_letters').orderBy('id').limit(2).select('id', 'subject');
    for (const l of letters) await t.db('search_postings').where({ kind: 'masuk', doc_id: l.id }).delete();
    // Later than every letter the tests above wrote (a DATETIME keeps whole seconds).
    const since = new Date(Date.now() + 2_000);
    await t
      .db('incoming_letters')
      .where({ id: letters[0].id })
      .update({ updated_at: new Date(since.getTime() + 3_000) });
    await t
      .db('incoming_letters')
      .where({ id: letters[1].id })
      .update({ updated_at: new Date(Date.UTC(2026, 0, 2)) });
    const finds = async (id: number, subject: string) => (await found(subject)).includes(`masuk:${id}`);
    expect(await finds(letters[0].id, letters[0].subject)).toBe(false);

    expect(await reindexArchive(t.db, { since })).toEqual({ keluar: 0, masuk: 1 });
    expect(await finds(letters[0].id, letters[0].subject)).toBe(true);
    expect(await finds(letters[1].id, letters[1].subject)).toBe(false);

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'reindex-search', ...args], {
        env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    const refused = cli('--since', 'kemarin');
    expect([refused.status, refused.stderr]).toEqual([
      2,
      '--since: "kemarin" bukan waktu yang sah (contoh 2026-11-29T08:00:00+07:00).\n',
    ]);
    const all = cli();
    const [outgoing, incoming] = await Promise.all(
      ['letters', 'incoming_letters'].map(async (table) =>
        Number((await t.db(table).count({ n: '*' }))[0].n),
      ),
    );
    expect([all.status, all.stdout]).toEqual([
      0,
      `Diindeks ulang: ${outgoing} surat keluar, ${incoming} surat masuk\n`,
    ]);
    expect(await finds(letters[1].id, letters[1].subject)).toBe(true);
    const audit = await t.db('audit_log').where({ action: 'search.reindex' }).select('actor_id', 'data');
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.data)])).toEqual([
      [null, { since: null, keluar: outgoing, masuk: incoming }],
    ]);
  });

  it('drafts many letters at once, each adding words the vocabulary lacks, without one failing', async () => {
    // Words no letter had: each draft adds its own and the one they share, all at the same moment.
    const shared = `serentak${kind.replace(/\W/g, '')}`;
    const drafts = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        createLetter(t.db, {
          drafterId: drafter.id,
          content: sampleContent(opd, { subject: `Undangan ${shared} gelombang${i} ${9000 + i}` }),
        }),
      ),
    );
    expect(drafts.filter((d) => d.status === 'rejected').map((d) => String(d.reason))).toEqual([]);
    const ids = drafts.map((d) => (d as PromiseFulfilledResult<{ letterId: number }>).value.letterId);
    expect(await found(shared)).toEqual(ids.map((id) => `keluar:${id}`).sort());
    expect(await found('gelombang7')).toEqual([`keluar:${ids[7]}`]);
  });

  async function aFile(): Promise<number> {
    const files = new FileStore(t.db, t.config.filesDir);
    const stored = await files.put(tinyPdf('signed'), {
      mime: 'application/pdf',
      originalName: 'surat.pdf',
      createdBy: drafter.id,
    });
    return stored.id;
  }
});

import type { Server } from 'node:http';
import request from 'supertest';
import { bearerTokens } from '../support/bearer-tokens';
import { findLetterForActor } from '../../api/letter-access';
import type { ArchiveSearchInput } from '../../lib/archive/archive-input';
import { FEW_LETTERS } from '../../lib/archive/reach-many';
import { searchArchive } from '../../lib/archive/search-archive';
import { COUNT_CAP } from '../../lib/db/count-up-to';
import { findIncomingForActor } from '../../lib/incoming/find-incoming-for-actor';
import { reindexArchive } from '../../lib/search/reindex-archive';
import type { Actor } from '../../lib/rbac/policy';
import type { Role } from '../../lib/rbac/roles';
import { formLogin } from '../support/form-login';
import { opdIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The archive search over outgoing and incoming letters, on rows as the workflows leave them: what it
 * finds (number, subject, the letter's text, sender, recipients), its filters and pages, and that
 * nobody finds a letter whose own page would refuse them.
 */
describe.each(DATABASE_KINDS)('archive search on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  const actors: Record<string, Actor> = {};
  const out: Record<string, number> = {};
  const inc: Record<string, number> = {};
  let minute = 0;
  const nextTime = () => new Date(Date.UTC(2026, 10, 1, 8, minute++));

  async function actorOf(username: string): Promise<Actor> {
    const user = await t.db('users').where({ username }).first('id', 'opd_id');
    const roles = await t.db('user_roles').where({ user_id: user.id }).pluck('role');
    return {
      id: Number(user.id),
      opdId: user.opd_id === null ? null : Number(user.opd_id),
      roles: roles as Role[],
    };
  }

  async function outgoing(
    key: string,
    o: {
      drafter: string;
      status: string;
      subject: string;
      body: string;
      number?: string;
      date?: string;
      to?: string[];
      cc?: string[];
      verifier?: string;
      signer?: string;
    },
  ) {
    const drafter = actors[o.drafter];
    const at = nextTime();
    const [id] = await t.db('letters').insert({
      opd_id: drafter.opdId,
      drafter_id: drafter.id,
      kind: 'surat-dinas',
      subject: o.subject,
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000.1.2',
      status: o.status,
      number: o.number ?? null,
      number_date: o.date ?? null,
      signer_id: o.signer ? actors[o.signer].id : null,
      created_at: at,
      updated_at: at,
    });
    // An older version mentions a word the current one dropped: only the current text is searched.
    for (const [no, body] of [
      [1, 'kata usang yang sudah dihapus'],
      [2, o.body],
    ] as const) {
      const [versionId] = await t.db('letter_versions').insert({
        letter_id: id,
        version_no: no,
        author_id: drafter.id,
        fields: JSON.stringify({ isi: body, penutup: 'Demikian disampaikan.' }),
        created_at: at,
      });
      await t.db('letters').where({ id }).update({ current_version_id: versionId });
    }
    for (const [list, recipientKind] of [
      [o.to ?? [], 'to'],
      [o.cc ?? [], 'cc'],
    ] as const) {
      for (const code of list)
        await t.db('letter_recipients').insert({ letter_id: id, opd_id: opd[code], kind: recipientKind });
    }
    if (o.verifier) {
      await t.db('letter_steps').insert({
        letter_id: id,
        seq: 1,
        kind: 'verify',
        assignee_id: actors[o.verifier].id,
        opd_id: drafter.opdId,
        status: 'done',
        created_at: at,
        acted_at: at,
      });
    }
    out[key] = Number(id);
  }

  async function incoming(
    key: string,
    o: {
      opd: string;
      sender: string;
      number: string;
      date: string;
      subject: string;
      status?: string;
      agenda?: string;
    },
  ) {
    const at = nextTime();
    const [id] = await t.db('incoming_letters').insert({
      opd_id: opd[o.opd],
      source: 'paper',
      sender_name: o.sender,
      number: o.number,
      letter_date: o.date,
      subject: o.subject,
      sifat: 'biasa',
      urgency: 'biasa',
      classification: '000',
      agenda_number: o.agenda ?? null,
      received_at: at,
      status: o.status ?? 'registered',
      created_at: at,
      updated_at: at,
    });
    inc[key] = Number(id);
  }

  async function disposition(key: string, from: string, to: string, status = 'unread') {
    await t.db('dispositions').insert({
      incoming_letter_id: inc[key],
      from_user_id: actors[from].id,
      to_user_id: actors[to].id,
      instruction: 'Tindak lanjuti',
      status,
      created_at: nextTime(),
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    opd = await opdIds(t.db);
    for (const role of ['kepala', 'admin', 'verifikator1', 'staf1', 'staf2', 'staf3'])
      for (const o of ['diskominfo', 'disdik']) actors[`${role}.${o}`] = await actorOf(`${role}.${o}`);
    actors.superadmin = await actorOf('superadmin');

    await outgoing('undangan', {
      drafter: 'staf1.diskominfo',
      status: 'sent',
      subject: 'Undangan Rapat Koordinasi',
      body: '<p>Rapat membahas <b>jaringan</b> Fiber Optik kecamatan.</p>',
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-10-05',
      to: ['DISDIK'],
      cc: ['SETDA'],
      verifier: 'verifikator1.diskominfo',
      signer: 'kepala.diskominfo',
    });
    await outgoing('konsep', {
      drafter: 'staf2.diskominfo',
      status: 'draft',
      subject: 'Konsep Laporan Statistik Sektoral',
      body: 'Data sektoral triwulan ketiga.',
      to: ['BAPPEDA'],
    });
    await outgoing('disdik', {
      drafter: 'staf1.disdik',
      status: 'sent',
      subject: 'Undangan Rapat Guru',
      body: 'Pemasangan fiber optik di sekolah.',
      number: '400.3/9/DISDIK/2026',
      date: '2026-11-10',
      to: ['DINKES'],
      // A verifier of another OPD: a person's letters may lie in several OPDs, and their search reads
      // the words' postings of each.
      verifier: 'verifikator1.diskominfo',
    });
    await incoming('komdigi', {
      opd: 'DISKOMINFO',
      sender: 'Kementerian Komunikasi dan Digital',
      number: 'B-123/KOMDIGI/2026',
      date: '2026-09-20',
      subject: 'Pemberitahuan Jaringan Pita Lebar',
      status: 'in_progress',
      agenda: '005/2026',
    });
    await disposition('komdigi', 'admin.diskominfo', 'kepala.diskominfo', 'forwarded');
    await disposition('komdigi', 'kepala.diskominfo', 'staf3.diskominfo');
    await disposition('komdigi', 'kepala.diskominfo', 'staf2.diskominfo', 'recalled');
    await incoming('salinan', {
      opd: 'DISDIK',
      sender: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
      number: '000.1.2/27/DISKOMINFO/2026',
      date: '2026-10-05',
      subject: 'Undangan Rapat Koordinasi',
    });
    // Received in another OPD than their own (see the verifier of 'disdik').
    await disposition('salinan', 'admin.disdik', 'staf3.diskominfo');
    for (let i = 1; i <= 23; i++) {
      await incoming(`pengantar${i}`, {
        opd: 'DISDIK',
        // Every third from another school: a word of the sender is then found in two letters of three.
        sender: i % 3 ? 'SD Negeri 1 Teluk Kuantan' : 'SMP Negeri 3 Teluk Kuantan',
        number: `421/${i}/SDN1/2026`,
        date: `2026-08-${String(i).padStart(2, '0')}`,
        subject: `Surat Pengantar ${String(i).padStart(2, '0')}`,
      });
    }
    // The rows above were written as the workflows leave them, not through the services that index
    // them: the upgrade's backfill indexes them (the services' own indexing: archive-search-index).
    await reindexArchive(t.db);
    server = createTestApp(t.config, t.db).listen(0);
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  const search = (
    user: string,
    input: Partial<ArchiveSearchInput> = {},
    pageSize = 100,
    fewLetters?: number,
    recentLettersPerRow?: number,
  ) =>
    searchArchive(t.db, actors[user], { page: 1, ...input }, { pageSize, fewLetters, recentLettersPerRow });
  /** The results as `keluar:<key>` / `masuk:<key>`, sorted. */
  const found = async (user: string, input: Partial<ArchiveSearchInput> = {}) => {
    const names = new Map([
      ...Object.entries(out).map(([k, id]) => [`keluar:${id}`, `keluar:${k}`] as const),
      ...Object.entries(inc).map(([k, id]) => [`masuk:${id}`, `masuk:${k}`] as const),
    ]);
    return (await search(user, input)).items.map((i) => names.get(`${i.kind}:${i.id}`)).sort();
  };

  it('finds by number, subject, sender and recipient OPD, case-insensitively', async () => {
    expect(await found('admin.diskominfo', { q: '27/diskominfo' })).toEqual(['keluar:undangan']);
    expect(await found('superadmin', { q: '27/DISKOMINFO' })).toEqual(['keluar:undangan', 'masuk:salinan']);
    expect(await found('admin.diskominfo', { q: 'RAPAT' })).toEqual(['keluar:undangan']);
    expect(await found('admin.diskominfo', { q: 'kementerian komunikasi' })).toEqual(['masuk:komdigi']);
    expect(await found('admin.diskominfo', { q: '005/2026' })).toEqual(['masuk:komdigi']);
    expect(await found('admin.diskominfo', { q: 'Pendidikan' })).toEqual(['keluar:undangan']);
    expect(await found('admin.diskominfo', { q: 'Perencanaan' })).toEqual(['keluar:konsep']);
  });

  it('finds text inside the current version of the letter body, not in older versions', async () => {
    expect(await found('admin.diskominfo', { q: 'fiber optik' })).toEqual(['keluar:undangan']);
    expect(await found('superadmin', { q: 'FIBER OPTIK' })).toEqual(['keluar:disdik', 'keluar:undangan']);
    expect(await found('admin.disdik', { q: 'fiber optik' })).toEqual(['keluar:disdik']);
    expect(await found('admin.diskominfo', { q: 'triwulan' })).toEqual(['keluar:konsep']);
    expect(await found('superadmin', { q: 'kata usang' })).toEqual([]);
  });

  it('returns a full item with the recipients or the sender and a link to the letter page', async () => {
    const [item] = (await search('admin.diskominfo', { q: '27/DISKOMINFO' })).items;
    expect(item).toEqual({
      kind: 'keluar',
      id: out.undangan,
      opdId: opd.DISKOMINFO,
      opdName: 'Dinas Komunikasi, Informatika, Statistik dan Persandian',
      number: '000.1.2/27/DISKOMINFO/2026',
      agendaNumber: null,
      subject: 'Undangan Rapat Koordinasi',
      party: 'Dinas Pendidikan; Sekretariat Daerah (tembusan)',
      letterDate: '2026-10-05',
      status: 'sent',
      href: `/surat/${out.undangan}`,
    });
    const [incomingItem] = (await search('admin.diskominfo', { q: 'KOMDIGI' })).items;
    expect(incomingItem).toMatchObject({
      kind: 'masuk',
      number: 'B-123/KOMDIGI/2026',
      agendaNumber: '005/2026',
      party: 'Kementerian Komunikasi dan Digital',
      letterDate: '2026-09-20',
      status: 'in_progress',
      href: `/surat-masuk/${inc.komdigi}`,
    });
  });

  it('filters by kind, status, letter date range and OPD', async () => {
    expect(await found('admin.diskominfo', { kind: 'masuk' })).toEqual(['masuk:komdigi']);
    expect(await found('admin.diskominfo', { kind: 'keluar' })).toEqual(['keluar:konsep', 'keluar:undangan']);
    expect(await found('admin.diskominfo', { status: 'draft' })).toEqual(['keluar:konsep']);
    expect(await found('superadmin', { from: '2026-10-01', to: '2026-10-31' })).toEqual([
      'keluar:undangan',
      'masuk:salinan',
    ]);
    expect(await found('superadmin', { from: '2026-11-01' })).toEqual(['keluar:disdik']);
    expect(await found('superadmin', { opd: opd.DISDIK, kind: 'keluar' })).toEqual(['keluar:disdik']);
    expect(await found('superadmin', { opd: opd.DISKOMINFO })).toEqual([
      'keluar:konsep',
      'keluar:undangan',
      'masuk:komdigi',
    ]);
  });

  it('pages through the results, newest first', async () => {
    const first = await search('superadmin', { q: 'Surat Pengantar' }, 20);
    const second = await search('superadmin', { q: 'Surat Pengantar', page: 2 }, 20);
    expect(first.total).toBe(23);
    expect(first.items.map((i) => i.subject)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Surat Pengantar ${String(23 - i).padStart(2, '0')}`),
    );
    expect(second.items.map((i) => i.subject)).toEqual([
      'Surat Pengantar 03',
      'Surat Pengantar 02',
      'Surat Pengantar 01',
    ]);
    // Past the end: no row to carry the total, which is still counted.
    expect(await search('superadmin', { q: 'Surat Pengantar', page: 3 }, 20)).toMatchObject({
      items: [],
      total: 23,
    });
  });

  it('pages through every letter, with words or without, as one list, newest first, though each way in may give only its newest', async () => {
    const sortTime = async (item: { kind: string; id: number }) =>
      item.kind === 'keluar'
        ? (await t.db('letters').where({ id: item.id }).first('updated_at')).updated_at
        : (await t.db('incoming_letters').where({ id: item.id }).first('received_at')).received_at;
    // With words, a reader of a whole OPD or the regency reads each branch's newest letters first: with
    // one letter per row that window mostly misses the page, so pages mix windows and whole branches.
    // A superadmin's date range is read a day at a time.
    for (const [input, recentLettersPerRow] of [
      [{}],
      [{ q: 'negeri 1' }],
      [{ q: 'negeri 1' }, 1],
      [{ from: '2026-08-01', to: '2026-11-30' }],
    ] as const) {
      for (const user of [
        'superadmin',
        'admin.disdik',
        'admin.diskominfo',
        'kepala.diskominfo',
        'staf3.diskominfo',
      ]) {
        const whole = await search(user, input, 1000);
        expect(whole.totalCapped).toBe(false);
        const stitched = [];
        for (let page = 1; page <= Math.ceil(whole.total / 3) + 1; page++)
          stitched.push(...(await search(user, { ...input, page }, 3, undefined, recentLettersPerRow)).items);
        expect(stitched).toEqual(whole.items);
        const times = await Promise.all(whole.items.map(async (i) => new Date(await sortTime(i)).getTime()));
        expect(times).toEqual([...times].sort((a, b) => b - a));
      }
      expect((await search('admin.disdik', input, 1000)).total).toBeGreaterThan(10);
    }
  });

  it('shows an admin_opd only their OPD, even when the search or the OPD filter points elsewhere', async () => {
    const all = await found('admin.diskominfo');
    expect(all).toEqual(['keluar:konsep', 'keluar:undangan', 'masuk:komdigi']);
    expect(await found('admin.diskominfo', { q: 'Undangan Rapat Guru' })).toEqual([]);
    expect(await found('admin.diskominfo', { q: 'Surat Pengantar' })).toEqual([]);
    expect(await found('admin.diskominfo', { opd: opd.DISDIK })).toEqual([]);
    expect((await found('admin.disdik')).filter((k) => !k!.startsWith('masuk:pengantar'))).toEqual([
      'keluar:disdik',
      'masuk:salinan',
    ]);
  });

  it('shows a plain ASN only the letters they drafted, verified, signed or received in a disposition', async () => {
    expect(await found('staf1.diskominfo')).toEqual(['keluar:undangan']);
    expect(await found('staf2.diskominfo')).toEqual(['keluar:konsep']); // its disposition was recalled
    expect(await found('staf3.diskominfo')).toEqual(['masuk:komdigi', 'masuk:salinan']);
    expect(await found('verifikator1.diskominfo')).toEqual(['keluar:disdik', 'keluar:undangan']);
    expect(await found('kepala.diskominfo')).toEqual(['keluar:undangan', 'masuk:komdigi']);
    expect(await found('staf1.disdik')).toEqual(['keluar:disdik']);
    expect(await found('staf2.disdik')).toEqual([]);
  });

  it('applies the date range on each way a reader reaches a letter, listing a letter reached twice once', async () => {
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(await found('verifikator1.diskominfo', october)).toEqual(['keluar:undangan']); // a step
    expect(await found('verifikator1.diskominfo', { from: '2026-11-01' })).toEqual(['keluar:disdik']);
    expect(await found('kepala.diskominfo', october)).toEqual(['keluar:undangan']); // the signer
    expect(await found('staf3.diskominfo', { from: '2026-09-01', to: '2026-09-30' })).toEqual([
      'masuk:komdigi',
    ]);
    expect(await found('staf3.diskominfo', october)).toEqual(['masuk:salinan']);
    // The admin gave komdigi's first disposition and holds it as their OPD's letter: one row, one count.
    const admin = await search('admin.diskominfo', { kind: 'masuk' });
    expect(admin.items.map((i) => i.id)).toEqual([inc.komdigi]);
    expect(admin.total).toBe(1);
  });

  it('shows a superadmin every letter', async () => {
    const all = await search('superadmin');
    expect(all.total).toBe(Object.keys(out).length + Object.keys(inc).length);
  });

  it('finds for every reader exactly what the access rules and the text allow, on every filter', async () => {
    // The rules of outgoingAccessPaths / incomingAccessPaths, written out over the raw rows.
    const [letters, steps, recipients, versions, incomings, dispositions, opds] = await Promise.all(
      [
        'letters',
        'letter_steps',
        'letter_recipients',
        'letter_versions',
        'incoming_letters',
        'dispositions',
        'opd',
      ].map((table) => t.db(table).select()),
    );
    // The model of a match, written apart from the index: every word of q is part of a word of the text,
    // a number the whole of one.
    const wordsOf = (...texts: unknown[]) =>
      texts
        .map((x) => String(x ?? ''))
        .join(' ')
        .replace(/<[^>]*>/g, ' ')
        .toLowerCase()
        .split(/[^a-z0-9]+/);
    const has = (words: string[], word: string) =>
      /^[0-9]+$/.test(word) ? words.includes(word) : words.some((w) => w.includes(word));
    const bodyOf = (l: { current_version_id: number }) =>
      Object.values(JSON.parse(versions.find((v) => v.id === l.current_version_id)!.fields));
    const inRange = (date: string | null, input: Partial<ArchiveSearchInput>) =>
      (!input.from || (date !== null && date >= input.from)) &&
      (!input.to || (date !== null && date <= input.to));
    const expected = (actor: Actor, input: Partial<ArchiveSearchInput>) => {
      const all = actor.roles.includes('superadmin');
      const admin = actor.roles.includes('admin_opd');
      const out = letters
        .filter(
          (l) =>
            all ||
            l.drafter_id === actor.id ||
            l.signer_id === actor.id ||
            steps.some((s) => s.letter_id === l.id && s.assignee_id === actor.id) ||
            (admin && l.opd_id === actor.opdId),
        )
        .filter((l) => inRange(l.number_date, input))
        .filter((l) =>
          wordsOf(input.q)
            .filter(Boolean)
            .every(
              (word) =>
                has(wordsOf(l.subject, l.number, ...bodyOf(l)), word) ||
                recipients
                  .filter((r) => r.letter_id === l.id)
                  .map((r) => opds.find((o) => o.id === r.opd_id))
                  .some((o) => has(wordsOf(o.name, o.short_name), word)),
            ),
        )
        .map((l) => `keluar:${l.id}`);
      const inc = incomings
        .filter(
          (i) =>
            all ||
            (admin && i.opd_id === actor.opdId) ||
            dispositions.some(
              (d) =>
                d.incoming_letter_id === i.id &&
                (d.from_user_id === actor.id || (d.to_user_id === actor.id && d.status !== 'recalled')),
            ),
        )
        .filter((i) => inRange(i.letter_date, input))
        .filter((i) =>
          wordsOf(input.q)
            .filter(Boolean)
            .every((word) => has(wordsOf(i.subject, i.number, i.sender_name, i.agenda_number), word)),
        )
        .map((i) => `masuk:${i.id}`);
      return [...out, ...inc].sort();
    };
    const inputs: Partial<ArchiveSearchInput>[] = [
      {},
      { q: 'rapat' },
      { q: 'fiber optik' },
      { q: 'diskominfo' },
      { from: '2026-10-01', to: '2026-10-31' },
      { q: 'undangan', from: '2026-09-01' },
      { to: '2026-09-30' },
      { q: '2026 kom' },
      { q: 'sd 1/2026' },
      { q: 'koordinasi, undangan' },
    ];
    // Each reader's paths are tested letter by letter (these readers reach few letters), then joined
    // with the words' postings as sets, as a busier reader's are.
    for (const fewLetters of [FEW_LETTERS, 0]) {
      for (const [user, actor] of Object.entries(actors)) {
        for (const input of inputs) {
          const result = await search(user, input, 100, fewLetters);
          expect([result.total, result.items.map((i) => `${i.kind}:${i.id}`).sort()]).toEqual([
            expected(actor, input).length,
            expected(actor, input),
          ]);
        }
      }
    }
  });

  it('never lists a letter whose own page would refuse the reader', async () => {
    for (const [user, actor] of Object.entries(actors)) {
      for (const item of (await search(user)).items) {
        const open =
          item.kind === 'keluar'
            ? findLetterForActor(t.db, actor, item.id)
            : findIncomingForActor(t.db, actor, item.id);
        await expect(open).resolves.toBeTruthy();
      }
    }
  });

  describe('through the API and the page', () => {
    const tokens: Record<string, string> = {};
    const api = (user: string, query: string) =>
      request(server).get(`/api/v1/archive${query}`).set('Authorization', `Bearer ${tokens[user]}`);

    beforeAll(async () => {
      Object.assign(
        tokens,
        await bearerTokens(server, ['admin.diskominfo', 'staf1.diskominfo', 'superadmin']),
      );
    });

    it('answers GET /api/v1/archive like the search, with validated input', async () => {
      const res = await api('admin.diskominfo', '?q=fiber+optik&kind=keluar');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        JSON.parse(
          JSON.stringify(await search('admin.diskominfo', { q: 'fiber optik', kind: 'keluar' }, 20)),
        ),
      );
      const paged = await api('superadmin', '?q=Surat+Pengantar&page=2');
      expect(paged.body).toMatchObject({ total: 23, page: 2, pageSize: 20 });
      expect(paged.body.items).toHaveLength(3);
      expect((await api('superadmin', `?opd=${opd.DISDIK}&from=2026-11-01&to=2026-11-30`)).body.total).toBe(
        1,
      );
      expect((await api('staf1.diskominfo', '?q=')).body.total).toBe(1);

      for (const bad of [
        '?kind=semua',
        '?from=2026-02-30',
        '?from=2026-11-02&to=2026-11-01',
        '?page=0',
        '?status=x',
      ]) {
        const refused = await api('admin.diskominfo', bad);
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe('validation_failed');
      }
      expect((await request(server).get('/api/v1/archive')).status).toBe(401);
    });

    it('renders /arsip with filters, results linking to their pages, and an empty state', async () => {
      const cookie = (await formLogin(server, 'admin.diskominfo')).cookie!;
      const page = await request(server).get('/arsip?q=rapat').set('Cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`href="/surat/${out.undangan}"`);
      expect(page.text).toContain('Undangan Rapat Koordinasi');
      expect(page.text).not.toContain('Undangan Rapat Guru');
      expect(page.text).toContain('data-testid="agenda-export"');
      const empty = await request(server).get('/arsip?q=tidak-ada-surat-ini').set('Cookie', cookie);
      expect(empty.text).toContain('data-testid="empty-state"');
      expect(empty.text).toContain('Tidak ada surat yang cocok');

      const staff = (await formLogin(server, 'staf3.diskominfo')).cookie!;
      const mine = await request(server).get('/arsip').set('Cookie', staff);
      expect(mine.status).toBe(200);
      expect(mine.text).toContain(`href="/surat-masuk/${inc.komdigi}"`);
      expect(mine.text).not.toContain('data-testid="agenda-export"');
      expect((await request(server).get('/arsip?kind=x').set('Cookie', staff)).status).toBe(400);
    });
  });

  // Last: these letters would crowd every search above.
  describe('past the count cap', () => {
    beforeAll(async () => {
      const at = new Date(Date.UTC(2026, 8, 1));
      const rows = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
        opd_id: opd.DISDIK,
        source: 'paper',
        sender_name: 'Kantor Arsip Lama',
        number: `ARS/${i}`,
        letter_date: '2026-09-01',
        subject: `Arsip Lama ${i}`,
        sifat: 'biasa',
        urgency: 'biasa',
        classification: '000',
        received_at: at,
        status: 'closed',
        created_at: at,
        updated_at: at,
      }));
      await t.db.batchInsert('incoming_letters', rows, 500);
      await reindexArchive(t.db);
    }, 120_000);

    it('counts up to 10,000 for a reader of an OPD or the regency, says so, and keeps the next page', async () => {
      const newest = await search('superadmin', {}, 20);
      expect(newest).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(newest.items[0].subject).toBe('Surat Pengantar 23');
      expect(await search('admin.disdik', { kind: 'masuk' }, 20)).toMatchObject({
        total: COUNT_CAP,
        totalCapped: true,
      });
      // With words too, the newest first from the letters' own order.
      const found = await search('superadmin', { q: 'kantor arsip lama' }, 20);
      expect(found).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(found.items.map((i) => i.subject)).toEqual(
        Array.from({ length: 20 }, (_, i) => `Arsip Lama ${COUNT_CAP + 4 - i}`),
      );
      // A superadmin's date range, read a day at a time, keeps each day's newest up to the page's end:
      // page 2 after komdigi (received later) and the 19 newest of these.
      const ranged = await search(
        'superadmin',
        { from: '2026-09-01', to: '2026-09-30', kind: 'masuk', page: 2 },
        20,
      );
      expect(ranged).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(ranged.items.map((i) => i.subject)).toEqual(
        Array.from({ length: 20 }, (_, i) => `Arsip Lama ${COUNT_CAP - 15 - i}`),
      );
      // A reader of few letters, and a range ending before today, count exactly.
      expect(await search('staf3.diskominfo', {}, 20)).toMatchObject({ totalCapped: false });
      expect(await search('superadmin', { q: 'kantor arsip lama', to: '2026-09-30' }, 20)).toMatchObject({
        total: COUNT_CAP + 5,
        totalCapped: false,
      });

      const cookie = (await formLogin(server, 'admin.disdik')).cookie!;
      const page = await request(server).get('/arsip').set('Cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        'Lebih dari 10.000 surat; persempit dengan kata kunci, rentang tanggal atau OPD untuk jumlah yang pasti',
      );
      expect(page.text).toContain('href="?page&#x3D;2"');
    });
  });
});

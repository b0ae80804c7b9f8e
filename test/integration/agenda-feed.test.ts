import type { Server } from 'node:http';
import type { Knex } from 'knex';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { opdPeople } from '../support/incoming';
import { bearerTokens } from '../support/bearer-tokens';
import { csrfIn, formLogin } from '../support/form-login';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The private iCalendar feed through the real app: the API makes the address once (only its hash is
 * kept), node-ical reads the feed back with exactly the person's items (titles, instants, places,
 * stable UIDs), a new or revoked address turns the old one into a 404, and the "Langganan Kalender"
 * page makes and revokes it through CSRF-protected forms.
 */

jest.setTimeout(60_000);

const DAY = 86_400_000;
const OWNER = 'staf1.disdik';
const COLLEAGUE = 'staf2.disdik';

let serial = 0;
/** An agenda row as the agenda's own code stores it; the feed only reads rows. */
async function insertItem(
  db: Knex,
  fields: { opdId: number; responsibleId: number; startsAt: Date; endsAt: Date } & Partial<{
    title: string;
    place: string;
    status: string;
    participantIds: number[];
  }>,
): Promise<number> {
  serial += 1;
  const now = new Date();
  const [id] = await db('agenda_items').insert({
    opd_id: fields.opdId,
    unit: '',
    title: fields.title ?? `Kegiatan ${serial}`,
    place: fields.place ?? '',
    starts_at: fields.startsAt,
    ends_at: fields.endsAt,
    target_output: 'Notulen rapat',
    responsible_id: fields.responsibleId,
    kind: 'event',
    source: 'manual',
    status: fields.status ?? 'planned',
    created_by: fields.responsibleId,
    created_at: now,
    updated_at: now,
  });
  for (const userId of fields.participantIds ?? [])
    await db('agenda_participants').insert({ agenda_item_id: Number(id), user_id: userId });
  return Number(id);
}

describe.each(DATABASE_KINDS)('agenda calendar feed on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let token: Record<string, string>;
  let people: Awaited<ReturnType<typeof opdPeople>>;
  let opdId: number;
  let expected: number[];

  const api = (method: 'get' | 'post' | 'delete', user: string) =>
    request(server)[method]('/api/v1/agenda/feed').set('Authorization', `Bearer ${token[user]}`);
  const feedPath = (url: string) => new URL(url).pathname;
  const events = (text: string) =>
    Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    server = createTestApp(t.config, t.db).listen(0);
    token = await bearerTokens(server, [OWNER, COLLEAGUE]);
    people = await opdPeople(t.db, 'DISDIK');
    opdId = Number((await t.db('opd').where({ code: 'DISDIK' }).first('id')).id);
    const now = Date.now();
    const at = (days: number, hours = 0) => new Date(now + days * DAY + hours * 3_600_000);
    expected = [
      await insertItem(t.db, {
        opdId,
        responsibleId: people.staf1,
        title: 'Rapat Evaluasi Dana BOS',
        place: 'Aula Dinas Pendidikan',
        startsAt: at(2),
        endsAt: at(2, 2),
      }),
      // Named on it, done ten days ago: still shown.
      await insertItem(t.db, {
        opdId,
        responsibleId: people.verifikator1,
        participantIds: [people.staf1],
        title: 'Monitoring Sekolah Dasar, Kecamatan Benai',
        status: 'done',
        startsAt: at(-10),
        endsAt: at(-10, 3),
      }),
    ];
    // Not in the feed: cancelled, ended more than 30 days ago, someone else's.
    await insertItem(t.db, {
      opdId,
      responsibleId: people.staf1,
      status: 'cancelled',
      startsAt: at(1),
      endsAt: at(1, 1),
    });
    await insertItem(t.db, { opdId, responsibleId: people.staf1, startsAt: at(-40), endsAt: at(-40, 1) });
    await insertItem(t.db, { opdId, responsibleId: people.staf2, startsAt: at(3), endsAt: at(3, 1) });
  });
  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('makes a private address once and serves exactly the person’s items, as node-ical reads them', async () => {
    expect((await api('get', OWNER)).body).toEqual({ active: false, createdAt: null });
    const made = await api('post', OWNER);
    expect(made.status).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body.url).toMatch(new RegExp(`^${t.config.publicUrl}/ical/[A-Za-z0-9_-]{43}\\.ics$`));
    const status = await api('get', OWNER);
    expect(status.body).toMatchObject({ active: true });
    expect(JSON.stringify(status.body)).not.toContain(feedPath(made.body.url).slice(6, -4));
    // Only the SHA-256 is stored.
    const row = await t.db('agenda_feed_tokens').where({ user_id: people.staf1 }).first();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(feedPath(made.body.url).slice(6, -4));
    expect(
      await t.db('audit_log').where({ action: 'agenda.feed_create', actor_id: people.staf1 }).count('* as n'),
    ).toEqual([{ n: 1 }]);

    const feed = await request(server).get(feedPath(made.body.url));
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('BEGIN:VTIMEZONE');
    // Times are written in WIB: the meeting's start as wall-clock time after its TZID.
    const meetingRow = await t.db('agenda_items').where({ id: expected[0] }).first('starts_at');
    const wall = new Date(new Date(meetingRow.starts_at).getTime() + 7 * 3_600_000).toISOString();
    expect(feed.text).toContain(`DTSTART;TZID=Asia/Jakarta:${wall.slice(0, 19).replace(/[-:]/g, '')}`);

    const rows = await t.db('agenda_items').whereIn('id', expected).orderBy('starts_at');
    const host = new URL(t.config.publicUrl).hostname;
    const parsed = events(feed.text).sort((a, b) => a.start.getTime() - b.start.getTime());
    expect(
      parsed.map((e) => ({
        uid: e.uid,
        summary: e.summary,
        start: e.start.toISOString(),
        end: e.end!.toISOString(),
      })),
    ).toEqual(
      rows.map((r) => ({
        uid: `agenda-${r.id}@${host}`,
        summary: r.title,
        // Whole seconds: iCalendar has no milliseconds.
        start: new Date(Math.floor(new Date(r.starts_at).getTime() / 1000) * 1000).toISOString(),
        end: new Date(Math.floor(new Date(r.ends_at).getTime() / 1000) * 1000).toISOString(),
      })),
    );
    const meeting = parsed.find((e) => e.summary === 'Rapat Evaluasi Dana BOS')!;
    expect(meeting.location).toBe('Aula Dinas Pendidikan');
    expect(meeting.description).toContain('Target keluaran: Notulen rapat');
    expect(meeting.description).toContain(`${t.config.publicUrl}/agenda/${rows[1].id}`);
  });

  it('turns the old address into a 404 when a new one is made, and the new one into a 404 when revoked', async () => {
    const first = (await api('post', OWNER)).body.url as string;
    const second = (await api('post', OWNER)).body.url as string;
    expect((await request(server).get(feedPath(first))).status).toBe(404);
    expect((await request(server).get(feedPath(second))).status).toBe(200);

    const revoked = await api('delete', OWNER);
    expect(revoked.body).toEqual({ active: false, revoked: true });
    expect(await t.db('agenda_feed_tokens').where({ user_id: people.staf1 })).toEqual([]);
    expect((await request(server).get(feedPath(second))).status).toBe(404);
    expect((await api('delete', OWNER)).body).toEqual({ active: false, revoked: false });
    // Guessed and malformed addresses are 404 too, and the feed API needs a login.
    expect((await request(server).get(`/ical/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await request(server).get('/ical/pendek.ics')).status).toBe(404);
    expect((await request(server).post('/api/v1/agenda/feed')).status).toBe(401);
  });

  it('serves nothing once the account is deactivated', async () => {
    const url = (await api('post', COLLEAGUE)).body.url as string;
    expect((await request(server).get(feedPath(url))).status).toBe(200);
    await t.db('users').where({ id: people.staf2 }).update({ active: false });
    expect((await request(server).get(feedPath(url))).status).toBe(404);
    await t.db('users').where({ id: people.staf2 }).update({ active: true });
  });

  it('makes and revokes the address from the page with CSRF-protected forms', async () => {
    const { cookie } = await formLogin(server, OWNER);
    const page = await request(server).get('/agenda/langganan').set('Cookie', cookie!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Anda belum memiliki alamat langganan kalender.');
    const csrf = csrfIn(page.text)!;

    const forged = await request(server)
      .post('/agenda/langganan')
      .set('Cookie', cookie!)
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    expect(await t.db('agenda_feed_tokens').where({ user_id: people.staf1 })).toEqual([]);

    const made = await request(server)
      .post('/agenda/langganan')
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf });
    expect(made.status).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const url = /data-testid="feed-url"/.test(made.text)
      ? /id="feed-url" value="([^"]+)"/.exec(made.text)![1]
      : '';
    expect((await request(server).get(feedPath(url))).status).toBe(200);
    // Shown once: the page afterwards tells only that an address exists.
    const later = await request(server).get('/agenda/langganan').set('Cookie', cookie!);
    expect(later.text).not.toContain(url);
    expect(later.text).toContain('Anda memiliki alamat langganan yang aktif');
    const confirm = await request(server).get('/agenda/langganan?aksi=cabut').set('Cookie', cookie!);
    expect(confirm.text).toContain('action="/agenda/langganan/cabut"');

    const revoked = await request(server)
      .post('/agenda/langganan/cabut')
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrf });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.location).toBe('/agenda/langganan?info=dicabut');
    expect(await t.db('agenda_feed_tokens').where({ user_id: people.staf1 })).toEqual([]);
    expect((await request(server).get(feedPath(url))).status).toBe(404);
  });
});

import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { formatNip } from '../../lib/documents/format-nip';
import { csrfIn, formLogin } from '../support/form-login';
import { loginTokens, registerPaperLetter } from '../support/incoming-api';
import {
  castMembers,
  continueLetter,
  diskominfoCast,
  driveLetter,
  letterBody,
  LettersApi,
  type StoryCast,
} from '../support/letter-story';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { runPdfsig } from '../support/pdf-validators';
import { pdfText } from '../support/pdf-text';
import { issueTestCertificate, setupTestCa, TEST_PASSPHRASE } from '../support/pki';
import { DEMO_PASSWORD } from '../support/seeded';

/**
 * Plt / Plh on the real stack (SQLite, Temporal dev server, the worker, Chromium, the CA): before an
 * appointment the sekretaris can neither see nor sign the kepala's letter; once named Plh. the letter
 * is in the sekretaris's tasks, the sekretaris signs it with their own certificate, and the signed PDF
 * reads "Plh. <the kepala's position>" with the sekretaris's name and NIP, valid and trusted in pdfsig;
 * a Plh. for a verifier lets the acting official verify; ending it early gives the work back. The rules
 * of appointing (roles, OPD, dates, overlaps) are refused with nothing written.
 */

jest.setTimeout(240_000);

const KEPALA = 'kepala.diskominfo';
const SEKRETARIS = 'sekretaris.diskominfo';
const VERIFIER = 'verifikator1.diskominfo';
const STAFF = 'staf2.diskominfo';
const ACTING_PASSPHRASE = 'Plh-Sekretaris#2026';
const wibToday = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

let s: LetterStack;
let api: LettersApi;
let cast: StoryCast;
let body: Record<string, unknown>;

const grant = async (username: string, role: string) =>
  s.t.db('user_roles').insert({ user_id: await s.userId(username), role });
const appoint = (user: string, input: Record<string, unknown>) =>
  api.call(user, 'post', '/api/v1/delegations', {
    kind: 'plh',
    startDate: wibToday(),
    endDate: wibToday(2),
    reason: 'Cuti tahunan kepala dinas',
    ...input,
  });
const taskTitles = async (user: string, kind: string) =>
  (await api.expect(user, 'get', '/api/v1/tasks')).body.items[kind].map((t: { title: string }) => t.title);

beforeAll(async () => {
  s = await startLetterStack();
  await grant(SEKRETARIS, 'penandatangan');
  await grant(STAFF, 'verifikator');
  await issueTestCertificate(s.t, { username: SEKRETARIS, passphrase: ACTING_PASSPHRASE });
  api = new LettersApi(`http://127.0.0.1:${(s.server.address() as AddressInfo).port}`);
  cast = diskominfoCast(TEST_PASSPHRASE);
  await api.login(
    [...castMembers(cast), SEKRETARIS, STAFF, 'staf1.disdik', 'admin.disdik', 'admin.diskominfo'],
    DEMO_PASSWORD,
  );
  body = letterBody({ recipients: [s.opd.DISDIK] }, { subject: 'Laporan Pelaksanaan Tugas Plh' });
});

afterAll(async () => {
  await s?.stop();
});

describe('appointing a Plt / Plh', () => {
  it('refuses what the rules forbid and writes nothing', async () => {
    const kepala = api.id(KEPALA);
    const before = await s.t.db('delegations').count({ n: '*' });
    const auditBefore = await s.t.db('audit_log').count({ n: '*' });
    // A plain ASN may not appoint anyone.
    expect(
      (await appoint('staf1.disdik', { principalId: kepala, actingId: api.id(SEKRETARIS) })).status,
    ).toBe(403);
    // Another OPD's bagian umum may not arrange Diskominfo's officials.
    const foreign = await appoint('admin.disdik', { principalId: kepala, actingId: api.id(SEKRETARIS) });
    expect(foreign.status).toBe(403);
    // The acting official must hold the principal's delegable roles.
    const roleless = await appoint(KEPALA, { principalId: kepala, actingId: api.id('staf1.diskominfo') });
    expect(roleless.status).toBe(400);
    expect(roleless.body.error.message).toContain('Pejabat Penandatangan');
    const backwards = await appoint(KEPALA, {
      principalId: kepala,
      actingId: api.id(SEKRETARIS),
      startDate: wibToday(3),
      endDate: wibToday(1),
    });
    expect(backwards.status).toBe(400);
    const self = await appoint(KEPALA, { principalId: kepala, actingId: kepala });
    expect(self.status).toBe(400);
    const past = await appoint(KEPALA, {
      principalId: kepala,
      actingId: api.id(SEKRETARIS),
      startDate: wibToday(-5),
      endDate: wibToday(-2),
    });
    expect(past.status).toBe(400);
    expect(await s.t.db('delegations').count({ n: '*' })).toEqual(before);
    expect(await s.t.db('audit_log').count({ n: '*' })).toEqual(auditBefore);
  });
});

describe('a Plh. signs for the kepala', () => {
  let letterId: number;
  let delegationId: number;

  it('before the appointment, the sekretaris can neither see nor sign the letter', async () => {
    const letter = await driveLetter(api, cast, 'signing', { body });
    letterId = letter.id;
    expect((await api.call(SEKRETARIS, 'get', `/api/v1/letters/${letterId}`)).status).toBe(404);
    const refused = await api.call(SEKRETARIS, 'post', `/api/v1/letters/${letterId}/sign`, {
      passphrase: ACTING_PASSPHRASE,
    });
    expect(refused.status).toBe(404);
    expect(await taskTitles(SEKRETARIS, 'sign')).toEqual([]);
  });

  it('the kepala names the sekretaris Plh.; both are told, and it is audited', async () => {
    const res = await appoint(KEPALA, { principalId: api.id(KEPALA), actingId: api.id(SEKRETARIS) });
    expect(res.status).toBe(201);
    delegationId = res.body.id;
    const row = await s.t.db('delegations').where({ id: delegationId }).first();
    expect(row).toMatchObject({ kind: 'plh', principal_id: api.id(KEPALA), acting_id: api.id(SEKRETARIS) });
    const told = await s.t.db('notifications').where({ kind: 'delegation' }).pluck('user_id');
    expect(told.map(Number).sort()).toEqual([api.id(KEPALA), api.id(SEKRETARIS)].sort());
    const audit = await s.t
      .db('audit_log')
      .where({ action: 'delegation.create', entity_id: String(delegationId) });
    expect(audit).toHaveLength(1);
    // One Plh. at a time for the same official.
    const again = await appoint(KEPALA, { principalId: api.id(KEPALA), actingId: api.id(SEKRETARIS) });
    expect(again.status).toBe(409);
    const listed = await api.expect(SEKRETARIS, 'get', '/api/v1/delegations?current=true');
    expect(listed.body.items.map((d: { id: number; status: string }) => [d.id, d.status])).toEqual([
      [delegationId, 'in_force'],
    ]);
  });

  it('the letter waits in the sekretaris’s tasks, and the sekretaris signs it with their own certificate', async () => {
    const tasks = (await api.expect(SEKRETARIS, 'get', '/api/v1/tasks')).body.items.sign;
    const kepalaName = (
      await s.t
        .db('users')
        .where({ id: api.id(KEPALA) })
        .first('name')
    ).name;
    expect(tasks.map((t: { letterId: number; onBehalfOf: string }) => [t.letterId, t.onBehalfOf])).toEqual([
      [letterId, kepalaName],
    ]);
    expect((await api.call(SEKRETARIS, 'get', `/api/v1/letters/${letterId}`)).status).toBe(200);
    // The kepala's passphrase is not the acting official's: their own certificate signs.
    const wrong = await api.call(SEKRETARIS, 'post', `/api/v1/letters/${letterId}/sign`, {
      passphrase: TEST_PASSPHRASE,
    });
    expect(wrong.status).toBe(422);
    await continueLetter(
      api,
      { ...cast, signer: SEKRETARIS, passphrase: ACTING_PASSPHRASE },
      { id: letterId, versionNo: 0, number: null, status: 'signing' },
      'sent',
    );
  });

  it('the signed PDF reads “Plh.” before the kepala’s position, with the sekretaris’s name and NIP, and verifies', async () => {
    const [kepala, sekretaris] = await Promise.all([
      s.t
        .db('users')
        .where({ id: api.id(KEPALA) })
        .first('name', 'position'),
      s.t
        .db('users')
        .where({ id: api.id(SEKRETARIS) })
        .first('name', 'nip'),
    ]);
    const pdf = await request(s.server)
      .get(`/api/v1/letters/${letterId}/pdf`)
      .set(
        'Authorization',
        `Bearer ${(await api.call(null, 'post', '/api/v1/auth/token', { username: KEPALA, password: DEMO_PASSWORD })).body.token}`,
      )
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain(`Plh. ${kepala.position}`);
    expect(text).not.toContain(kepala.name);
    expect(text).toContain(sekretaris.name);
    expect(text).toContain(formatNip(sekretaris.nip));
    const { rootPem } = await setupTestCa(s.t);
    const { signatures } = await runPdfsig(pdf.body as Buffer, rootPem);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      signatureValid: true,
      certificateTrusted: true,
      commonName: sekretaris.name,
    });
    const signedRow = await s.t
      .db('audit_log')
      .where({ action: 'letter.signed_document', entity_id: String(letterId) })
      .first();
    expect(JSON.parse(signedRow.data)).toMatchObject({
      actingFor: { delegationId, kind: 'plh', principalId: api.id(KEPALA) },
    });
    expect(Number(signedRow.actor_id)).toBe(api.id(SEKRETARIS));
  });

  it('ended early, the appointment gives the work back to the kepala', async () => {
    expect((await api.call(SEKRETARIS, 'post', `/api/v1/delegations/${delegationId}/end`)).status).toBe(404);
    expect((await api.call(KEPALA, 'post', `/api/v1/delegations/${delegationId}/end`)).status).toBe(204);
    expect((await api.call(KEPALA, 'post', `/api/v1/delegations/${delegationId}/end`)).status).toBe(409);
    const next = await driveLetter(api, cast, 'signing', {
      body: { ...body, subject: 'Sesudah Plh berakhir' },
    });
    expect(await taskTitles(SEKRETARIS, 'sign')).toEqual([]);
    expect((await api.call(SEKRETARIS, 'get', `/api/v1/letters/${next.id}`)).status).toBe(404);
    expect(await taskTitles(KEPALA, 'sign')).toContain('Sesudah Plh berakhir');
  });
});

describe('a Plh. verifies for a verifier', () => {
  it('the acting official approves in the verifier’s turn; the verifier’s own turn stays theirs otherwise', async () => {
    const admin = 'admin.diskominfo';
    const res = await appoint(admin, { principalId: api.id(VERIFIER), actingId: api.id(STAFF), kind: 'plt' });
    expect(res.status).toBe(201);
    const letter = await driveLetter(api, cast, 'verifying', {
      body: { ...body, subject: 'Verifikasi oleh Plt' },
    });
    expect(await taskTitles(STAFF, 'verify')).toContain('Verifikasi oleh Plt');
    const approved = await api.expect(STAFF, 'post', `/api/v1/letters/${letter.id}/verify`, {
      baseVersionNo: letter.versionNo,
      decision: 'approve',
    });
    expect(approved.body.currentStep).toMatchObject({ kind: 'verify', index: 1 });
    // The second verifier's turn is not the Plt's.
    const outOfTurn = await api.call(STAFF, 'post', `/api/v1/letters/${letter.id}/verify`, {
      baseVersionNo: letter.versionNo,
      decision: 'approve',
    });
    expect(outOfTurn.status).toBe(409);
    const step = await s.t.db('letter_steps').where({ letter_id: letter.id, seq: 1 }).first();
    expect(step.status).toBe('done');
  });
});

describe('the Plt/Plh pages', () => {
  it('list the appointments and appoint one through the form, with per-field errors kept', async () => {
    const { cookie } = await formLogin(s.server, 'admin.diskominfo');
    const list = await request(s.server).get('/delegasi').set('Cookie', cookie!);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Pelaksana Tugas');
    const form = await request(s.server).get('/delegasi/baru').set('Cookie', cookie!);
    const csrf = csrfIn(form.text)!;
    const bad = await request(s.server)
      .post('/delegasi/baru')
      .set('Cookie', cookie!)
      .type('form')
      .send({
        _csrf: csrf,
        principalId: api.id(KEPALA),
        actingId: '',
        kind: 'plt',
        startDate: wibToday(),
        endDate: wibToday(1),
        reason: 'SPT 12',
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-field-error="actingId"');
    expect(bad.text).toContain('value="SPT 12"');
    const ok = await request(s.server)
      .post('/delegasi/baru')
      .set('Cookie', cookie!)
      .type('form')
      .send({
        _csrf: csrf,
        principalId: api.id(KEPALA),
        actingId: api.id(SEKRETARIS),
        kind: 'plt',
        startDate: wibToday(1),
        endDate: wibToday(4),
        reason: 'SPT 12',
      });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/delegasi?info=ditunjuk');
    const row = await s.t.db('delegations').where({ reason: 'SPT 12' }).first();
    expect(row).toMatchObject({ kind: 'plt', created_by: api.id('admin.diskominfo') });
    const confirm = await request(s.server).get(`/delegasi/${row.id}/akhiri`).set('Cookie', cookie!);
    expect(confirm.text).toContain('Ya, akhiri sekarang');
    const ended = await request(s.server)
      .post(`/delegasi/${row.id}/akhiri`)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrfIn(confirm.text) });
    expect(ended.status).toBe(302);
    expect((await s.t.db('delegations').where({ id: row.id }).first()).ended_at).not.toBeNull();
  });
});

describe('a Plh. acts on the kepala’s dispositions', () => {
  it('reads, forwards and closes for the kepala; before and after, the letter is not theirs', async () => {
    const admin = 'admin.diskominfo';
    const tokens = await loginTokens(api.baseUrl, [admin]);
    const paper = await registerPaperLetter(api.baseUrl, tokens[admin], { subject: 'Undangan untuk Plh' });
    const incoming = `/api/v1/incoming/${paper.id}`;
    await api.expect(admin, 'post', `${incoming}/dispositions`, {
      toUserIds: [api.id(KEPALA)],
      instruction: 'Untuk ditindaklanjuti',
    });
    const [toKepala] = await s.t.db('dispositions').where({ incoming_letter_id: paper.id }).pluck('id');
    expect((await api.call(SEKRETARIS, 'get', incoming)).status).toBe(404);
    // An activity of a division other than the sekretaris's: only the head (and so their Plh.) sees it.
    const unit = (
      await s.t
        .db('users')
        .where({ id: api.id(SEKRETARIS) })
        .first('unit')
    ).unit;
    const other = await s.t
      .db('users')
      .where({ opd_id: s.opd.DISKOMINFO, active: true })
      .whereNot({ unit })
      .whereNot({ unit: '' })
      .first('id', 'unit');
    const activity = await api.expect(admin, 'post', '/api/v1/agenda', {
      title: 'Rapat teknis bidang',
      startsAt: `${wibToday(1)}T09:00:00+07:00`,
      endsAt: `${wibToday(1)}T11:00:00+07:00`,
      responsibleId: other.id,
      unit: other.unit,
    });
    const activityPath = `/api/v1/agenda/${activity.body.item.id}`;
    expect((await api.call(SEKRETARIS, 'get', activityPath)).status).toBe(404);
    expect((await api.call(SEKRETARIS, 'post', `/api/v1/dispositions/${toKepala}/read`)).status).toBe(404);

    const named = await appoint(KEPALA, { principalId: api.id(KEPALA), actingId: api.id(SEKRETARIS) });
    expect(named.status).toBe(201);
    expect(await taskTitles(SEKRETARIS, 'disposition')).toContain('Undangan untuk Plh');
    expect((await api.call(SEKRETARIS, 'get', activityPath)).status).toBe(200);
    const detail = await api.expect(SEKRETARIS, 'get', incoming);
    expect(detail.body.myOpenDispositions).toEqual([Number(toKepala)]);
    await api.expect(SEKRETARIS, 'post', `/api/v1/dispositions/${toKepala}/read`);
    const read = await s.t.db('dispositions').where({ id: toKepala }).first();
    expect(read.status).toBe('read');
    const forwarded = await api.expect(SEKRETARIS, 'post', `/api/v1/dispositions/${toKepala}/forward`, {
      toUserIds: [api.id('staf1.diskominfo')],
      instruction: 'Hadiri',
    });
    expect(forwarded.status).toBe(201);
    const child = await s.t.db('dispositions').where({ parent_id: toKepala }).first();
    // The Plh. gave the forward in their own name: the record says who acted.
    expect(Number(child.from_user_id)).toBe(api.id(SEKRETARIS));
    // The head's Plh. closes the letter as the head would.
    await api.expect(SEKRETARIS, 'post', `${incoming}/close`, { note: 'Selesai oleh Plh' });
    expect((await s.t.db('incoming_letters').where({ id: paper.id }).first()).status).toBe('closed');

    await api.expect(KEPALA, 'post', `/api/v1/delegations/${named.body.id}/end`);
    expect(await taskTitles(SEKRETARIS, 'disposition')).not.toContain('Undangan untuk Plh');
  });
});

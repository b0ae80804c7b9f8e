import type { Server } from 'node:http';
import type { Client, WorkflowExecutionStatusName } from '@temporalio/client';
import request from 'supertest';
import { createAgendaItem } from '../../lib/agenda/create-agenda-item';
import { agendaStateQuery } from '../../workflows/agenda-item';
import { agendaWorkflowId } from '../../workflows/agenda-item-types';
import { bearerTokens } from '../support/bearer-tokens';
import { csrfIn, formLogin } from '../support/form-login';
import { startLetterStack, type LetterStack } from '../support/letter-stack';
import { userIds } from '../support/letters';

/**
 * The agenda with its reminder workflows on the real stack (SQLite, Temporal dev server, the worker):
 * adding an activity starts `agenda-<id>`; new dates reach the running workflow; marking it done with
 * the output (and a file) or cancelling it completes the workflow; the browser forms (cookie + CSRF,
 * multipart for the output file) do the same; an item made twice from the same letter is made once.
 */

jest.setTimeout(120_000);

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const DAY_MS = 86_400_000;
/** A WIB date some days from now, and an ISO instant at a WIB time on it. */
const wibDay = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);
const at = (days: number, time: string) => `${wibDay(days)}T${time}:00+07:00`;

let s: LetterStack;
let server: Server;
let client: () => Promise<Client>;
let t: LetterStack['t'];
let opd: Record<string, number>;
let u: Record<string, number>;
const token: Record<string, string> = {};

const handle = async (id: number) => (await client()).workflow.getHandle(agendaWorkflowId(id));
async function statusOf(id: number): Promise<WorkflowExecutionStatusName> {
  return (await (await handle(id)).describe()).status.name;
}
/** Updates return once accepted; the workflow completes a moment later. */
async function completed(id: number) {
  for (let i = 0; i < 50 && (await statusOf(id)) === 'RUNNING'; i++)
    await new Promise((r) => setTimeout(r, 100));
  return statusOf(id);
}
const api = (who: string) => ({
  post: (path: string, body: object) =>
    request(server).post(path).set('Authorization', `Bearer ${token[who]}`).send(body),
  patch: (path: string, body: object) =>
    request(server).patch(path).set('Authorization', `Bearer ${token[who]}`).send(body),
  get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${token[who]}`),
});

beforeAll(async () => {
  s = await startLetterStack({ certificateHolders: [] });
  ({ t, server, client, opd } = s);
  u = await userIds(t.db, ['staf1.diskominfo', 'staf2.diskominfo', 'kepala.diskominfo']);
  Object.assign(token, await bearerTokens(server, ['staf1.diskominfo', 'kepala.diskominfo']));
});

afterAll(() => s?.stop());

describe('agenda items and their workflows', () => {
  let id: number;

  it('adding an activity stores it with its audit row and starts agenda-<id>', async () => {
    const res = await api('staf1.diskominfo').post('/api/v1/agenda', {
      title: 'Rapat evaluasi aplikasi',
      place: 'Ruang Rapat Diskominfo',
      startsAt: at(3, '09:00'),
      endsAt: at(3, '11:00'),
      targetOutput: 'Notulen rapat',
      participantIds: [u['staf2.diskominfo']],
    });
    expect(res.status).toBe(201);
    id = res.body.item.id;
    const row = await t.db('agenda_items').where({ id }).first();
    expect(row).toMatchObject({
      title: 'Rapat evaluasi aplikasi',
      unit: 'Bidang Aplikasi Informatika',
      opd_id: opd.DISKOMINFO,
      responsible_id: u['staf1.diskominfo'],
      source: 'manual',
      status: 'planned',
    });
    expect(await t.db('agenda_participants').where({ agenda_item_id: id }).pluck('user_id')).toEqual([
      u['staf2.diskominfo'],
    ]);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'agenda.create', entity_id: String(id) })
        .first('actor_id'),
    ).toEqual({ actor_id: u['staf1.diskominfo'] });
    expect(await statusOf(id)).toBe('RUNNING');
    const state = await (await handle(id)).query(agendaStateQuery);
    expect(new Date(state.startsAt).toISOString()).toBe(new Date(at(3, '09:00')).toISOString());
  });

  it('new dates reach the running workflow', async () => {
    const res = await api('staf1.diskominfo').patch(`/api/v1/agenda/${id}`, {
      startsAt: at(4, '13:00'),
      endsAt: at(4, '15:00'),
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual(['endsAt', 'startsAt']);
    const state = await (await handle(id)).query(agendaStateQuery);
    expect(new Date(state.startsAt).toISOString()).toBe(new Date(at(4, '13:00')).toISOString());
    expect(new Date(state.endsAt).toISOString()).toBe(new Date(at(4, '15:00')).toISOString());
    const audit = await t
      .db('audit_log')
      .where({ action: 'agenda.update', entity_id: String(id) })
      .first('data');
    expect(JSON.parse(audit.data).to.startsAt).toBe(new Date(at(4, '13:00')).toISOString());
  });

  it('done with the output and a file: stored, and the workflow completes', async () => {
    const res = await request(server)
      .post(`/api/v1/agenda/${id}/done`)
      .set('Authorization', `Bearer ${token['staf1.diskominfo']}`)
      .field('output', 'Rapat menyepakati jadwal rilis versi 2.')
      .attach('file', PNG, { filename: 'foto-rapat.png', contentType: 'image/png' });
    expect(res.status).toBe(200);
    const row = await t.db('agenda_items').where({ id }).first();
    expect(row).toMatchObject({
      status: 'done',
      output_report: 'Rapat menyepakati jadwal rilis versi 2.',
      done_by: u['staf1.diskominfo'],
    });
    const files = await t.db('agenda_output_files').where({ agenda_item_id: id });
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe('foto-rapat.png');
    const file = await api('staf1.diskominfo').get(`/api/v1/agenda/${id}/files/${files[0].file_id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    expect(await completed(id)).toBe('COMPLETED');
    // Done is final: a second report is refused and changes nothing.
    const again = await api('staf1.diskominfo').post(`/api/v1/agenda/${id}/done`, { output: 'lagi' });
    expect(again.status).toBe(409);
    expect((await t.db('agenda_items').where({ id }).first('output_report')).output_report).toContain(
      'versi 2',
    );
  });

  it('cancelling completes the workflow and keeps the reason', async () => {
    const created = await api('kepala.diskominfo').post('/api/v1/agenda', {
      title: 'Kunjungan kerja',
      startsAt: at(5, '08:00'),
      endsAt: at(5, '16:00'),
      unit: '',
    });
    expect(created.status).toBe(201);
    const itemId = created.body.item.id;
    expect(await statusOf(itemId)).toBe('RUNNING');
    const res = await api('kepala.diskominfo').post(`/api/v1/agenda/${itemId}/cancel`, {
      reason: 'Ditunda oleh pimpinan',
    });
    expect(res.status).toBe(200);
    expect(res.body.cancellation.reason).toBe('Ditunda oleh pimpinan');
    expect((await t.db('agenda_items').where({ id: itemId }).first('status')).status).toBe('cancelled');
    expect(await completed(itemId)).toBe('COMPLETED');
  });

  it('an item made from a letter twice is made once, with one workflow', async () => {
    const deps = { db: t.db, config: t.config, temporalClient: client };
    const item = {
      opdId: opd.DISKOMINFO,
      unit: '',
      title: 'Tenggat disposisi: Permintaan data',
      place: '',
      startsAt: new Date(at(6, '16:00')),
      endsAt: new Date(at(6, '16:00')),
      targetOutput: 'Tindak lanjut disposisi',
      responsibleId: u['staf2.diskominfo'],
      participantIds: [],
      kind: 'deadline' as const,
      source: 'disposition' as const,
      sourceKey: 'test:agenda-once',
      createdBy: null,
    };
    const [first, second] = await Promise.all([createAgendaItem(deps, item), createAgendaItem(deps, item)]);
    expect(first.id).toBe(second.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await t.db('agenda_items').where({ source_key: 'test:agenda-once' }).count({ n: '*' })).toEqual([
      { n: 1 },
    ]);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'agenda.create', entity_id: String(first.id) })
        .count({ n: '*' }),
    ).toEqual([{ n: 1 }]);
    expect(await statusOf(first.id)).toBe('RUNNING');
  });

  it('the browser forms: add an activity, then mark it done with a file (cookie + CSRF)', async () => {
    const { cookie } = await formLogin(server, 'staf1.diskominfo');
    const form = await request(server).get('/agenda/baru').set('Cookie', cookie!);
    const created = await request(server)
      .post('/agenda/baru')
      .set('Cookie', cookie!)
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        title: 'Sosialisasi tanda tangan elektronik',
        place: 'Aula Kantor Bupati',
        startDate: wibDay(2),
        startTime: '09:00',
        endDate: wibDay(2),
        endTime: '12:00',
        targetOutput: 'Laporan sosialisasi',
        responsibleId: String(u['staf1.diskominfo']),
        participantIds: String(u['staf2.diskominfo']),
        unit: 'Bidang Aplikasi Informatika',
        letter: '',
      });
    expect(created.status).toBe(302);
    const itemId = Number(/^\/agenda\/(\d+)\?info=dibuat$/.exec(created.headers.location)![1]);
    const row = await t.db('agenda_items').where({ id: itemId }).first();
    expect(row.title).toBe('Sosialisasi tanda tangan elektronik');
    expect(new Date(Number(row.starts_at)).toISOString()).toBe(new Date(at(2, '09:00')).toISOString());
    expect(await statusOf(itemId)).toBe('RUNNING');
    const page = await request(server).get(`/agenda/${itemId}?info=dibuat`).set('Cookie', cookie!);
    expect(page.text).toContain('data-testid="notice"');
    expect(page.text).toContain(`href="/agenda/${itemId}/selesai"`);

    const doneForm = await request(server).get(`/agenda/${itemId}/selesai`).set('Cookie', cookie!);
    expect(doneForm.text).toContain('enctype="multipart/form-data"');
    const empty = await request(server)
      .post(`/agenda/${itemId}/selesai`)
      .set('Cookie', cookie!)
      .field('_csrf', csrfIn(doneForm.text)!)
      .field('output', ' ');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('data-field-error="output"');
    expect((await t.db('agenda_items').where({ id: itemId }).first('status')).status).toBe('planned');
    const done = await request(server)
      .post(`/agenda/${itemId}/selesai`)
      .set('Cookie', cookie!)
      .field('_csrf', csrfIn(doneForm.text)!)
      .field('output', '45 peserta hadir; materi terlampir.')
      .attach('file', PNG, { filename: 'daftar-hadir.png', contentType: 'image/png' });
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe(`/agenda/${itemId}?info=selesai`);
    expect(await t.db('agenda_items').where({ id: itemId }).first('status', 'output_report')).toEqual({
      status: 'done',
      output_report: '45 peserta hadir; materi terlampir.',
    });
    expect(await t.db('agenda_output_files').where({ agenda_item_id: itemId }).pluck('name')).toEqual([
      'daftar-hadir.png',
    ]);
    expect(await completed(itemId)).toBe('COMPLETED');
    const after = await request(server).get(`/agenda/${itemId}`).set('Cookie', cookie!);
    expect(after.text).toContain('data-testid="agenda-output"');
    expect(after.text).toContain('daftar-hadir.png');
    expect(after.text).not.toContain('data-testid="agenda-actions"');
  });
  it('the edit form moves the dates (the workflow follows); the cancel page asks first', async () => {
    const created = await api('kepala.diskominfo').post('/api/v1/agenda', {
      title: 'Rapat pimpinan mingguan',
      startsAt: at(7, '08:00'),
      endsAt: at(7, '09:00'),
      unit: '',
    });
    const itemId = created.body.item.id;
    const { cookie } = await formLogin(server, 'kepala.diskominfo');
    const form = await request(server).get(`/agenda/${itemId}/ubah`).set('Cookie', cookie!);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Rapat pimpinan mingguan"');
    expect(form.text).toContain(`value="${wibDay(7)}"`);
    expect(form.text).toContain('value="08:00"');
    const edited = await request(server)
      .post(`/agenda/${itemId}/ubah`)
      .set('Cookie', cookie!)
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        title: 'Rapat pimpinan mingguan',
        place: 'Ruang Kepala Dinas',
        startDate: wibDay(8),
        startTime: '10:00',
        endDate: wibDay(8),
        endTime: '11:00',
        targetOutput: '',
        responsibleId: String(u['kepala.diskominfo']),
        unit: '',
        letter: '',
      });
    expect(edited.status).toBe(302);
    expect(edited.headers.location).toBe(`/agenda/${itemId}?info=diubah`);
    expect((await t.db('agenda_items').where({ id: itemId }).first('place')).place).toBe(
      'Ruang Kepala Dinas',
    );
    const state = await (await handle(itemId)).query(agendaStateQuery);
    expect(new Date(state.startsAt).toISOString()).toBe(new Date(at(8, '10:00')).toISOString());

    const confirm = await request(server).get(`/agenda/${itemId}/batal`).set('Cookie', cookie!);
    expect(confirm.text).toContain('Ya, batalkan kegiatan');
    expect((await t.db('agenda_items').where({ id: itemId }).first('status')).status).toBe('planned');
    const cancelled = await request(server)
      .post(`/agenda/${itemId}/batal`)
      .set('Cookie', cookie!)
      .type('form')
      .send({ _csrf: csrfIn(confirm.text), reason: 'Bertepatan dengan kunjungan Bupati' });
    expect(cancelled.status).toBe(302);
    expect((await t.db('agenda_items').where({ id: itemId }).first('status')).status).toBe('cancelled');
    expect(await completed(itemId)).toBe('COMPLETED');
    const page = await request(server).get(`/agenda/${itemId}`).set('Cookie', cookie!);
    expect(page.text).toContain('Bertepatan dengan kunjungan Bupati');
  });
});

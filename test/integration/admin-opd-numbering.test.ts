import type { Server } from 'node:http';
import request from 'supertest';
import { ConflictError, ValidationError } from '../../lib/errors';
import { jakartaYear } from '../../lib/incoming/jakarta-year';
import { createLetter } from '../../lib/letters/create-letter';
import { DEFAULT_NUMBER_PATTERN } from '../../lib/letters/number-pattern';
import { registerNumber } from '../../lib/letters/register-number';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { TEMPLATES, type TemplateKind } from '../../templates';
import { createIncomingRow, registerForTest } from '../support/incoming';
import { addClassification, opdIds, sampleContent, userIds } from '../support/letters';
import { bearerTokens } from '../support/bearer-tokens';
import { seedTestDatabase } from '../support/seeded';
import { createTestApp } from '../support/test-app';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The numbering an OPD configures, used where numbers are made: a kind's own pattern by the number
 * suggestion and the register (others keep the default), invalid patterns refused with nothing
 * changed, and the agenda pattern used when incoming letters are registered. Both databases.
 */

jest.setTimeout(120_000);

const ADMIN = 'admin.diskominfo';
const OTHER_ADMIN = 'admin.disdik';
const TUGAS = '094/{urut}/ST-{kode}/{tahun}';

describe.each(DATABASE_KINDS)('OPD numbering and agenda patterns on %s', (kind) => {
  let t: TestDatabase;
  let server: Server;
  let opd: Record<string, number>;
  let users: Record<string, number>;
  const token: Record<string, string> = {};
  const thisYear = jakartaYear(new Date());

  const put = (user: string, path: string, body: unknown) =>
    request(server)
      .put(path)
      .set('Authorization', `Bearer ${token[user]}`)
      .send(body as object);
  const draft = async (letterKind: TemplateKind) =>
    (
      await createLetter(t.db, {
        drafterId: users['staf1.diskominfo'],
        content: sampleContent(opd, { kind: letterKind, fields: { ...TEMPLATES[letterKind].example } }),
      })
    ).letterId;
  const numberAs = (letterId: number, number: string) =>
    registerNumber(t.db, { letterId, actorId: users[ADMIN], number, date: '2026-12-01' });
  const numberingState = async () => ({
    opd: await t.db('opd').whereIn('id', [opd.DISKOMINFO, opd.DISDIK]).orderBy('id').select('number_pattern'),
    own: await t.db('opd_number_patterns').orderBy('id').select('opd_id', 'kind', 'pattern'),
    audit: Number((await t.db('audit_log').count({ n: '*' }))[0].n),
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    users = await userIds(t.db, [ADMIN, OTHER_ADMIN, 'staf1.diskominfo']);
    server = createTestApp(t.config, t.db).listen(0);
    Object.assign(token, await bearerTokens(server, [ADMIN, OTHER_ADMIN]));
  });

  afterAll(async () => {
    server?.close();
    await t?.drop();
  });

  it('numbers a Surat Tugas with its own pattern and a Surat Dinas with the default', async () => {
    const res = await put(ADMIN, `/api/v1/admin/opd/${opd.DISKOMINFO}/number-patterns`, {
      default: DEFAULT_NUMBER_PATTERN,
      byKind: { 'surat-tugas': TUGAS, memo: null, 'nota-dinas': '' },
    });
    expect(res.status).toBe(200);
    const tugas = res.body.numbering.byKind.find((k: { kind: string }) => k.kind === 'surat-tugas');
    expect(tugas).toMatchObject({ own: true, pattern: TUGAS, example: `094/1/ST-DISKOMINFO/${thisYear}` });
    const dinas = res.body.numbering.byKind.find((k: { kind: string }) => k.kind === 'surat-dinas');
    expect(dinas).toMatchObject({ own: false, example: `000/1/DISKOMINFO/${thisYear}` });
    expect(await t.db('opd_number_patterns').select('opd_id', 'kind', 'pattern')).toEqual([
      { opd_id: opd.DISKOMINFO, kind: 'surat-tugas', pattern: TUGAS },
    ]);
    const audit = await t.db('audit_log').orderBy('id', 'desc').first();
    expect(audit).toMatchObject({
      action: 'opd.number_patterns',
      actor_id: users[ADMIN],
      opd_id: opd.DISKOMINFO,
    });
    expect(JSON.parse(audit.data).after).toEqual({
      default: DEFAULT_NUMBER_PATTERN,
      byKind: { 'surat-tugas': TUGAS },
    });

    const suggest = (letterKind: string, opdId = opd.DISKOMINFO) =>
      suggestNextNumber(t.db, { opdId, year: 2026, classification: '000.1.2', kind: letterKind });
    expect(await suggest('surat-tugas')).toEqual({ sequence: 1, number: '094/1/ST-DISKOMINFO/2026' });
    expect(await suggest('surat-dinas')).toEqual({ sequence: 1, number: '000.1.2/1/DISKOMINFO/2026' });
    expect((await suggest('surat-tugas', opd.DISDIK)).number).toBe('000.1.2/1/DISDIK/2026');

    const tugasLetter = await draft('surat-tugas');
    await expect(numberAs(tugasLetter, '000.1.2/1/DISKOMINFO/2026')).rejects.toThrow(ValidationError);
    await expect(numberAs(tugasLetter, '000.1.2/1/DISKOMINFO/2026')).rejects.toThrow(/ST-\{kode\}/);
    await expect(numberAs(tugasLetter, '094/1/ST-DISKOMINFO/2026')).resolves.toEqual({ sequence: 1 });
    const dinasLetter = await draft('surat-dinas');
    await expect(numberAs(dinasLetter, '094/2/ST-DISKOMINFO/2026')).rejects.toThrow(/tidak sesuai pola/);
    await expect(numberAs(dinasLetter, '000.1.2/2/DISKOMINFO/2026')).resolves.toEqual({ sequence: 2 });
    expect((await t.db('letters').where({ id: tugasLetter }).first()).number).toBe(
      '094/1/ST-DISKOMINFO/2026',
    );

    // One sequence per OPD and year across kinds: duplicates are still refused.
    const again = await draft('surat-tugas');
    await expect(numberAs(again, '094/1/ST-DISKOMINFO/2026')).rejects.toThrow(ConflictError);
    await expect(numberAs(again, '094/2/ST-DISKOMINFO/2026')).rejects.toThrow(
      /Nomor urut 2 tahun 2026 sudah dipakai/,
    );
    expect((await t.db('letters').where({ id: again }).first()).number).toBeNull();
    expect(await suggest('surat-tugas')).toEqual({ sequence: 3, number: '094/3/ST-DISKOMINFO/2026' });
  });

  it('refuses invalid patterns with a message per field and changes nothing', async () => {
    const before = await numberingState();
    const url = `/api/v1/admin/opd/${opd.DISKOMINFO}/number-patterns`;
    const bad = await put(ADMIN, url, {
      default: '{klasifikasi}/{kode}/{tahun}',
      byKind: { 'nota-dinas': '{urut}/{bulan}', 'surat-tugas': TUGAS },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([
      { field: 'default', message: expect.stringMatching(/\{urut\} tepat satu kali/) },
      {
        field: 'byKind.nota-dinas',
        message: expect.stringMatching(/Nota Dinas: .*tidak dikenal: \{bulan\}/),
      },
    ]);
    // A valid default with one invalid kind is refused as a whole.
    const oneBad = await put(ADMIN, url, { default: 'B-{urut}/{tahun}', byKind: { memo: '{urut}{urut}' } });
    expect(oneBad.status).toBe(400);
    for (const body of [
      { default: '{urut}', byKind: { 'surat-cinta': '{urut}' } },
      { byKind: {} },
      { default: `{urut}/${'X'.repeat(100)}` },
    ]) {
      expect((await put(ADMIN, url, body)).status).toBe(400);
    }
    // Another OPD's numbering is not the bagian umum's to change: 404, as if it did not exist.
    const foreign = await put(OTHER_ADMIN, url, { default: '{urut}/{tahun}' });
    expect(foreign.status).toBe(404);
    expect(await numberingState()).toEqual(before);
  });

  it('gives incoming letters agenda numbers in the OPD’s agenda pattern', async () => {
    const receivedAt = new Date('2026-06-01T03:00:00Z');
    const disdikLetter = await createIncomingRow(t.db, { opdId: opd.DISDIK, receivedAt });
    expect(await registerForTest(t.db, disdikLetter, users[OTHER_ADMIN])).toBe('0001/2026');

    const url = `/api/v1/admin/opd/${opd.DISKOMINFO}/agenda-pattern`;
    const before = await t.db('opd').where({ id: opd.DISKOMINFO }).first('agenda_pattern');
    expect(before.agenda_pattern).toBe('{urut}/{tahun}');
    for (const pattern of ['{klasifikasi}/{urut}', '{tahun}', '{urut}/{urut}', '']) {
      expect((await put(ADMIN, url, { pattern })).status).toBe(400);
    }
    expect((await put(OTHER_ADMIN, url, { pattern: 'X-{urut}' })).status).toBe(404);
    expect(await t.db('opd').where({ id: opd.DISKOMINFO }).first('agenda_pattern')).toEqual(before);

    const res = await put(ADMIN, url, { pattern: 'AG-{urut}/{kode}/{tahun}' });
    expect(res.status).toBe(200);
    expect(res.body.agenda).toMatchObject({
      pattern: 'AG-{urut}/{kode}/{tahun}',
      example: `AG-0001/DISKOMINFO/${thisYear}`,
    });
    const audit = await t.db('audit_log').orderBy('id', 'desc').first();
    expect(audit.action).toBe('opd.agenda_pattern');
    expect(JSON.parse(audit.data)).toEqual({ from: '{urut}/{tahun}', to: 'AG-{urut}/{kode}/{tahun}' });

    const first = await createIncomingRow(t.db, { opdId: opd.DISKOMINFO, receivedAt });
    const second = await createIncomingRow(t.db, { opdId: opd.DISKOMINFO, receivedAt });
    expect(await registerForTest(t.db, first, users[ADMIN])).toBe('AG-0001/DISKOMINFO/2026');
    expect(await registerForTest(t.db, second, users[ADMIN])).toBe('AG-0002/DISKOMINFO/2026');
    expect(await t.db('incoming_letters').where({ id: second }).first('agenda_seq', 'agenda_number')).toEqual(
      {
        agenda_seq: 2,
        agenda_number: 'AG-0002/DISKOMINFO/2026',
      },
    );
    // DISDIK kept the default form.
    const disdikNext = await createIncomingRow(t.db, { opdId: opd.DISDIK, receivedAt });
    expect(await registerForTest(t.db, disdikNext, users[OTHER_ADMIN])).toBe('0002/2026');
  });
});

import { ConflictError, ValidationError } from '../../lib/errors';
import { createLetter } from '../../lib/letters/create-letter';
import { numberPattern } from '../../lib/letters/number-pattern';
import { registerNumber } from '../../lib/letters/register-number';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { addClassification, opdIds, sampleContent, testActivities, userIds } from '../support/letters';
import { seedTestDatabase } from '../support/seeded';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-database';

describe('number patterns', () => {
  const values = { classification: '000.1.2', opdCode: 'DISKOMINFO', year: 2026 };
  it('match the default form strictly and read the sequence', () => {
    const p = numberPattern('{klasifikasi}/{urut}/{kode}/{tahun}', values);
    expect(p.sequenceOf('000.1.2/27/DISKOMINFO/2026')).toBe(27);
    expect(p.format(28)).toBe('000.1.2/28/DISKOMINFO/2026');
    for (const bad of [
      '000.1.2/027/DISKOMINFO/2026', // leading zero
      '000.1.2/0/DISKOMINFO/2026',
      '000x1x2/27/DISKOMINFO/2026', // dots are literal
      '000.1.2/27/DISKOMINFO/2025', // another year
      '000.1.2/27/DISDIK/2026', // another OPD
      '100/27/DISKOMINFO/2026', // another classification
      ' 000.1.2/27/DISKOMINFO/2026x',
    ]) {
      expect(p.sequenceOf(bad)).toBeNull();
    }
  });
  it('refuse a pattern without exactly one {urut} or with an unknown placeholder', () => {
    expect(() => numberPattern('{klasifikasi}/{kode}/{tahun}', values)).toThrow(ValidationError);
    expect(() => numberPattern('{urut}/{urut}', values)).toThrow(/tepat satu kali/);
    expect(() => numberPattern('{urut}/{bulan}', values)).toThrow(/tidak dikenal/);
    expect(numberPattern('B-{urut}/{kode}/{klasifikasi}/{tahun}', values).format(5)).toBe(
      'B-5/DISKOMINFO/000.1.2/2026',
    );
  });
});

describe.each(DATABASE_KINDS)('letter numbering on %s', (kind) => {
  let t: TestDatabase;
  let opd: Record<string, number>;
  let admin: number;
  let adminDisdik: number;
  let drafter: number;
  let drafterDisdik: number;
  const close: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedTestDatabase(t);
    await addClassification(t.db);
    opd = await opdIds(t.db);
    const u = await userIds(t.db, ['admin.diskominfo', 'admin.disdik', 'staf1.diskominfo', 'staf1.disdik']);
    [admin, adminDisdik, drafter, drafterDisdik] = Object.values(u);
  });
  afterAll(async () => {
    for (const c of close) await c();
    await t.drop();
  });

  const draft = async (drafterId = drafter) =>
    (
      await createLetter(t.db, {
        drafterId,
        content: sampleContent(opd, drafterId === drafter ? {} : { recipientOpdIds: [opd.DISKOMINFO] }),
      })
    ).letterId;

  it('registers a matching number with the letter and its audit row; a retry changes nothing', async () => {
    const letterId = await draft();
    const input = { letterId, actorId: admin, number: '000.1.2/27/DISKOMINFO/2026', date: '2026-11-28' };
    expect(await registerNumber(t.db, input)).toEqual({ sequence: 27 });
    expect(await registerNumber(t.db, { ...input, number: ` ${input.number} ` })).toEqual({ sequence: 27 });
    expect(await t.db('letters').where({ id: letterId }).first()).toMatchObject({
      number: '000.1.2/27/DISKOMINFO/2026',
      number_date: '2026-11-28',
    });
    expect(await t.db('number_register').where({ letter_id: letterId })).toHaveLength(1);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'number.register' })
        .whereRaw('data like ?', [`%"letterId":${letterId},%`]),
    ).toHaveLength(1);
    await expect(registerNumber(t.db, { ...input, number: '000.1.2/28/DISKOMINFO/2026' })).rejects.toThrow(
      /sudah bernomor 000.1.2\/27/,
    );
  });

  it('refuses a mismatch, an empty number and a duplicate in the same OPD and year', async () => {
    const letterId = await draft();
    const date = '2026-11-28';
    const at = (number: string) => registerNumber(t.db, { letterId, actorId: admin, number, date });
    await expect(at('000.1.2/027/DISKOMINFO/2026')).rejects.toThrow(ValidationError);
    await expect(at('000.1.2/29/DISKOMINFO/2026')).resolves.toEqual({ sequence: 29 });
    const other = await draft();
    const again = (number: string, d = date) =>
      registerNumber(t.db, { letterId: other, actorId: admin, number, date: d });
    await expect(again('000.1.2/28/DISKOMINFO/2025', date)).rejects.toThrow(/tidak sesuai pola/);
    await expect(again('   ')).rejects.toThrow('Nomor surat wajib diisi.');
    await expect(again('000.1.2/27/DISKOMINFO/2026')).rejects.toThrow(ConflictError);
    await expect(again('000.1.2/27/DISKOMINFO/2026')).rejects.toThrow(/sudah terdaftar untuk surat lain/);
    // The same sequence under another classification is still the same sequence of the OPD's year.
    const personnel = (
      await createLetter(t.db, { drafterId: drafter, content: sampleContent(opd, { classification: '800' }) })
    ).letterId;
    await expect(
      registerNumber(t.db, { letterId: personnel, actorId: admin, number: '800/27/DISKOMINFO/2026', date }),
    ).rejects.toThrow(/Nomor urut 27 tahun 2026 sudah dipakai \(nomor 000.1.2\/27\/DISKOMINFO\/2026\)/);
    await expect(again('000.1.2/x/DISKOMINFO/2026', '2026-02-30')).rejects.toThrow(/tanggal yang valid/);
    expect((await t.db('letters').where({ id: other }).first()).number).toBeNull();
    // The same sequence in another year, and the same number in another OPD, are free.
    await expect(again('000.1.2/27/DISKOMINFO/2027', '2027-01-04')).resolves.toEqual({ sequence: 27 });
    const disdikLetter = await draft(drafterDisdik);
    await expect(
      registerNumber(t.db, {
        letterId: disdikLetter,
        actorId: adminDisdik,
        number: '000.1.2/27/DISDIK/2026',
        date,
      }),
    ).resolves.toEqual({ sequence: 27 });
  });

  it('suggests the next free sequence of the OPD and year', async () => {
    expect(
      await suggestNextNumber(t.db, { opdId: opd.DISKOMINFO, year: 2026, classification: '000.1.2' }),
    ).toEqual({ sequence: 30, number: '000.1.2/30/DISKOMINFO/2026' });
    expect(
      await suggestNextNumber(t.db, { opdId: opd.DISKOMINFO, year: 2028, classification: '800' }),
    ).toEqual({
      sequence: 1,
      number: '800/1/DISKOMINFO/2028',
    });
    expect(
      (await suggestNextNumber(t.db, { opdId: opd.DISDIK, year: 2026, classification: '000.1.2' })).sequence,
    ).toBe(28);
  });

  it('follows an OPD pattern of its own', async () => {
    await t
      .db('opd')
      .where({ id: opd.DISKOMINFO })
      .update({ number_pattern: 'B-{urut}/{kode}/{klasifikasi}/{tahun}' });
    try {
      const letterId = await draft();
      const at = (number: string) =>
        registerNumber(t.db, { letterId, actorId: admin, number, date: '2026-12-01' });
      await expect(at('000.1.2/31/DISKOMINFO/2026')).rejects.toThrow(/B-{urut}/);
      await expect(at('B-31/DISKOMINFO/000.1.2/2026')).resolves.toEqual({ sequence: 31 });
    } finally {
      await t
        .db('opd')
        .where({ id: opd.DISKOMINFO })
        .update({ number_pattern: '{klasifikasi}/{urut}/{kode}/{tahun}' });
    }
  });

  it('answers refusals of the registerNumber activity as non-retryable refused failures', async () => {
    const { activities, pool } = testActivities(t);
    close.push(() => pool.close());
    const letterId = await draft();
    await expect(
      activities.registerNumber({
        letterId,
        actorId: admin,
        number: '000.1.2/29/DISKOMINFO/2026',
        date: '2026-11-30',
      }),
    ).rejects.toMatchObject({ type: 'refused', nonRetryable: true, message: expect.stringMatching(/sudah/) });
    await expect(
      activities.registerNumber({
        letterId,
        actorId: admin,
        number: '000.1.2/40/DISKOMINFO/2026',
        date: '2026-11-30',
      }),
    ).resolves.toBeUndefined();
  });
});

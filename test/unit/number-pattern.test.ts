import { ValidationError } from '../../lib/errors';
import {
  DEFAULT_AGENDA_PATTERN,
  DEFAULT_NUMBER_PATTERN,
  numberPattern,
} from '../../lib/letters/number-pattern';
import { agendaNumberPattern } from '../../lib/opd/agenda-number-pattern';
import { numberPatternsInput, opdHeadInput, opdPatchInput } from '../../lib/opd/opd-input';

const values = { classification: '000.1.2', opdCode: 'DISKOMINFO', year: 2026 };

describe('numberPattern', () => {
  it('formats and reads back the default regional form', () => {
    const p = numberPattern(DEFAULT_NUMBER_PATTERN, values);
    expect(p.format(27)).toBe('000.1.2/27/DISKOMINFO/2026');
    expect(p.sequenceOf('000.1.2/27/DISKOMINFO/2026')).toBe(27);
    // Leading zeros, another year, OPD or classification: not this pattern's number.
    for (const other of [
      '000.1.2/027/DISKOMINFO/2026',
      '000.1.2/27/DISKOMINFO/2027',
      '000.1.2/27/DISDIK/2026',
      '800/27/DISKOMINFO/2026',
      '000x1x2/27/DISKOMINFO/2026',
    ]) {
      expect(p.sequenceOf(other)).toBeNull();
    }
  });

  it('refuses a pattern without {urut}, with it twice, or with an unknown placeholder', () => {
    expect(() => numberPattern('{klasifikasi}/{kode}/{tahun}', values)).toThrow(/tepat satu kali/);
    expect(() => numberPattern('{urut}/{urut}', values)).toThrow(/tepat satu kali/);
    expect(() => numberPattern('{urut}/{bulan}', values)).toThrow(ValidationError);
    expect(() => numberPattern('{urut}/{bulan}', values)).toThrow(/tidak dikenal: \{bulan\}/);
    expect(() => numberPattern('{urut}/{tahun', values)).toThrow(/tidak dikenal/);
    expect(() => numberPattern('{ urut }', values)).toThrow(/tidak dikenal/);
  });

  it('zero-pads the sequence when asked, and refuses {klasifikasi} when there is none', () => {
    const agenda = numberPattern(
      DEFAULT_AGENDA_PATTERN,
      { opdCode: 'DISDIK', year: 2026 },
      { sequenceWidth: 4 },
    );
    expect(agenda.format(7)).toBe('0007/2026');
    expect(agenda.format(12345)).toBe('12345/2026');
    expect(agenda.sequenceOf('0007/2026')).toBe(7);
    expect(agenda.sequenceOf('0000/2026')).toBeNull();
    expect(() => agendaNumberPattern('{klasifikasi}/{urut}', 'DISDIK', 2026)).toThrow(
      /tidak dikenal: \{klasifikasi\}. Penanda yang dikenal: \{urut\}, \{kode\}, \{tahun\}/,
    );
    expect(agendaNumberPattern('AG-{urut}/{kode}/{tahun}', 'DISDIK', 2027).format(3)).toBe(
      'AG-0003/DISDIK/2027',
    );
  });
});

describe('OPD numbering input', () => {
  it('takes a pattern or null per known kind; blank means the default', () => {
    expect(
      numberPatternsInput.parse({
        default: ' {urut}/{tahun} ',
        byKind: { 'surat-tugas': 'ST/{urut}', 'nota-dinas': '', memo: null },
      }),
    ).toEqual({
      default: '{urut}/{tahun}',
      byKind: { 'surat-tugas': 'ST/{urut}', 'nota-dinas': null, memo: null },
    });
    expect(numberPatternsInput.parse({ default: '{urut}' })).toEqual({ default: '{urut}', byKind: {} });
    expect(
      numberPatternsInput.safeParse({ default: '{urut}', byKind: { 'surat-cinta': '{urut}' } }).success,
    ).toBe(false);
    expect(numberPatternsInput.safeParse({ default: '' }).success).toBe(false);
    expect(numberPatternsInput.safeParse({ default: `{urut}${'x'.repeat(100)}` }).success).toBe(false);
  });

  it('patches only what is given and refuses the code and unknown fields', () => {
    expect(opdPatchInput.parse({ phone: '(0760) 561234' })).toEqual({ phone: '(0760) 561234' });
    expect(opdPatchInput.parse({ email: '' })).toEqual({ email: '' });
    expect(opdPatchInput.safeParse({ code: 'BARU' }).success).toBe(false);
    expect(opdPatchInput.safeParse({}).success).toBe(false);
    expect(opdPatchInput.safeParse({ email: 'bukan-email' }).success).toBe(false);
    expect(opdPatchInput.safeParse({ website: 'javascript:alert(1)' }).success).toBe(false);
    expect(opdPatchInput.parse({ website: 'https://diskominfo.kuansing.go.id/profil' })).toEqual({
      website: 'https://diskominfo.kuansing.go.id/profil',
    });
  });

  it('reads the head as an id, or none from null or an empty choice', () => {
    expect(opdHeadInput.parse({ userId: '12' })).toEqual({ userId: 12 });
    expect(opdHeadInput.parse({ userId: null })).toEqual({ userId: null });
    expect(opdHeadInput.parse({ userId: '' })).toEqual({ userId: null });
    expect(opdHeadInput.safeParse({ userId: 'kepala' }).success).toBe(false);
    expect(opdHeadInput.safeParse({ userId: 0 }).success).toBe(false);
  });
});

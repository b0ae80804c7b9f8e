import { diktumOrdinal } from '../../lib/documents/diktum-ordinal';
import { formatIndonesianDate } from '../../lib/documents/format-indonesian-date';
import { formatNip } from '../../lib/documents/format-nip';
import { letterHelpers } from '../../lib/documents/letter-helpers';
import { parseIsoDate } from '../../lib/documents/parse-iso-date';

describe('how letters write dates, numbers and names', () => {
  it('writes dates with Indonesian month and day names, independent of the time zone', () => {
    expect(formatIndonesianDate('2026-11-28')).toBe('28 November 2026');
    expect(formatIndonesianDate('2026-12-07', { weekday: true })).toBe('Senin, 7 Desember 2026');
    expect(formatIndonesianDate('2027-01-01', { weekday: true })).toBe('Jumat, 1 Januari 2027');
    expect(formatIndonesianDate('2026-08-17')).toBe('17 Agustus 2026');
  });

  it('accepts only real calendar dates in yyyy-mm-dd form', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29, weekday: 2 });
    for (const bad of ['2026-02-30', '2026-13-01', '28-11-2026', '2026-11-28T00:00:00Z', '']) {
      expect(parseIsoDate(bad)).toBeNull();
    }
    expect(() => formatIndonesianDate('2026-02-30')).toThrow(RangeError);
  });

  it('groups an 18-digit NIP as printed under a signature, and leaves anything else alone', () => {
    expect(formatNip('197005121995031002')).toBe('19700512 199503 1 002');
    expect(formatNip('12345')).toBe('12345');
  });

  it('labels the diktum of a keputusan KESATU, KEDUA, …', () => {
    const labels = [1, 2, 3, 4, 9, 10, 11, 12, 19, 20, 21, 35].map(diktumOrdinal);
    expect(labels).toEqual([
      'KESATU',
      'KEDUA',
      'KETIGA',
      'KEEMPAT',
      'KESEMBILAN',
      'KESEPULUH',
      'KESEBELAS',
      'KEDUA BELAS',
      'KESEMBILAN BELAS',
      'KEDUA PULUH',
      'KEDUA PULUH SATU',
      'KETIGA PULUH LIMA',
    ]);
    expect(() => diktumOrdinal(0)).toThrow(RangeError);
  });

  it('turns textarea text into escaped paragraphs and line breaks', () => {
    const html = letterHelpers.paragraphs(
      'Baris <b>satu</b>\nbaris dua\n\n  \n\nParagraf "kedua" & akhir',
    ) as {
      toString(): string;
    };
    expect(html.toString()).toBe(
      '<p>Baris &lt;b&gt;satu&lt;/b&gt;<br>baris dua</p>\n<p>Paragraf &quot;kedua&quot; &amp; akhir</p>',
    );
  });
});

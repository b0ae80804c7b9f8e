import { DAILY_RANGE_DAYS, daysOfRange } from '../../lib/archive/days-of-range';

describe('daysOfRange', () => {
  it('lists each calendar day of a closed range, across month and year ends', () => {
    expect(daysOfRange('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(daysOfRange('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysOfRange('2026-10-05', '2026-10-05')).toEqual(['2026-10-05']);
  });

  it('gives nothing for an open, empty or too long range', () => {
    expect(daysOfRange(undefined, '2026-10-05')).toBeUndefined();
    expect(daysOfRange('2026-10-05', undefined)).toBeUndefined();
    expect(daysOfRange('2026-10-06', '2026-10-05')).toBeUndefined();
    const first = '2026-01-01';
    const last = new Date(Date.UTC(2026, 0, DAILY_RANGE_DAYS)).toISOString().slice(0, 10);
    expect(daysOfRange(first, last)).toHaveLength(DAILY_RANGE_DAYS);
    const beyond = new Date(Date.UTC(2026, 0, DAILY_RANGE_DAYS + 1)).toISOString().slice(0, 10);
    expect(daysOfRange(first, beyond)).toBeUndefined();
  });
});

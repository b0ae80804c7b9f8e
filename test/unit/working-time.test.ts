import { dueAfter, type WorkCalendar } from '../../workflows/working-time';

/** An instant given as WIB wall-clock time. */
const wib = (local: string) => Date.parse(`${local}:00+07:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const MON_FRI: WorkCalendar = { workingDays: [1, 2, 3, 4, 5], holidays: [] };

describe('dueAfter', () => {
  it('adds plainly without a calendar, as letters started before calendars did', () => {
    // 2026-11-27 is a Friday.
    expect(dueAfter(wib('2026-11-27T15:00'), 24)).toBe(wib('2026-11-28T15:00'));
  });

  it('skips the weekend: Friday 15:00 WIB + 24 h is Monday 15:00 WIB', () => {
    expect(iso(dueAfter(wib('2026-11-27T15:00'), 24, MON_FRI))).toBe(iso(wib('2026-11-30T15:00')));
  });

  it('counts within one working day, and ends at midnight when the day is used up exactly', () => {
    expect(dueAfter(wib('2026-11-24T08:00'), 4, MON_FRI)).toBe(wib('2026-11-24T12:00'));
    expect(dueAfter(wib('2026-11-27T00:00'), 24, MON_FRI)).toBe(wib('2026-11-28T00:00'));
  });

  it('starts counting at 00:00 WIB of the next working day when started on a day off', () => {
    expect(dueAfter(wib('2026-11-28T10:00'), 4, MON_FRI)).toBe(wib('2026-11-30T04:00'));
  });

  it('judges days in WIB, not UTC: Monday 02:00 WIB is Sunday in UTC but already counts', () => {
    expect(dueAfter(wib('2026-11-30T02:00'), 2, MON_FRI)).toBe(wib('2026-11-30T04:00'));
  });

  it('skips holidays', () => {
    const calendar = { ...MON_FRI, holidays: ['2026-12-25'] }; // a Friday
    expect(dueAfter(wib('2026-12-24T12:00'), 24, calendar)).toBe(wib('2026-12-28T12:00'));
  });

  it('skips many holidays in a row (collective leave around Idul Fitri)', () => {
    const holidays = Array.from({ length: 10 }, (_, i) => `2027-03-${String(8 + i).padStart(2, '0')}`);
    // Friday 5 March 12:00 + 36 h: 12 h on Friday, then 8–17 March are off (weekends too), 18 March counts.
    expect(dueAfter(wib('2027-03-05T12:00'), 36, { ...MON_FRI, holidays })).toBe(wib('2027-03-19T00:00'));
  });

  it('honours a six-day week', () => {
    const calendar = { workingDays: [1, 2, 3, 4, 5, 6], holidays: [] };
    expect(dueAfter(wib('2026-11-27T15:00'), 24, calendar)).toBe(wib('2026-11-28T15:00'));
  });

  it('makes a zero-hour step due at its start, even on a day off', () => {
    expect(dueAfter(wib('2026-11-28T10:00'), 0, MON_FRI)).toBe(wib('2026-11-28T10:00'));
  });

  it('terminates with plain addition when no day is a working day', () => {
    expect(dueAfter(wib('2026-11-27T15:00'), 24, { workingDays: [], holidays: [] })).toBe(
      wib('2026-11-28T15:00'),
    );
    expect(dueAfter(wib('2026-11-27T15:00'), 24, { workingDays: [0, 8], holidays: [] })).toBe(
      wib('2026-11-28T15:00'),
    );
  });
});

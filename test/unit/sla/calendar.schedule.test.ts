import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  type DayOverride,
  DEFAULT_WORKING_HOURS,
  localDate,
  localTime,
  type WorkingHours,
} from '../../../server/sla/calendar.js';
import { at, cal, show, withOverrides } from './calendar-setup.js';

describe('localDate / localTime (UTC+8, no DST)', () => {
  it('places local midnight 8 hours before UTC midnight', () => {
    expect(localTime('2026-10-01', '00:00')).toBe(Date.UTC(2026, 8, 30, 16, 0));
    expect(localTime('2026-07-01', '08:30')).toBe(Date.UTC(2026, 6, 1, 0, 30));
    expect(localTime('2026-07-01', '24:00')).toBe(localTime('2026-07-02', '00:00'));
  });

  it('names the local date, which changes at 16:00 UTC', () => {
    expect(localDate(Date.UTC(2026, 8, 30, 15, 59, 59, 999))).toBe('2026-09-30');
    expect(localDate(Date.UTC(2026, 8, 30, 16, 0))).toBe('2026-10-01');
  });

  it.each([
    ['2026-02-30', '08:00'],
    ['2026-2-3', '08:00'],
    ['2026-10-01', '8:00'],
    ['2026-10-01', '24:01'],
    ['2026-10-01', '12:60'],
  ])('rejects the malformed local date/time %s %s', (date, time) => {
    expect(() => localTime(date, time)).toThrow(/invalid (local time|date)/);
  });
});

describe('isWorkday follows the official schedule', () => {
  it.each([
    ['2026-09-30', true, 'Wednesday before National Day'],
    ['2026-10-01', false, 'National Day (Thursday)'],
    ['2026-10-07', false, 'last National Day holiday (Wednesday)'],
    ['2026-10-08', true, 'first day back (Thursday)'],
    ['2026-10-10', true, '调休 make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-20', true, '调休 make-up Sunday'],
    ['2026-09-25', false, 'Mid-autumn Festival (Friday)'],
    ['2026-11-27', true, 'ordinary Friday'],
    ['2026-11-28', false, 'ordinary Saturday'],
    ['2026-11-30', true, 'ordinary Monday'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-16', false, 'Spring Festival (Monday)'],
    ['2026-05-09', true, 'Labour Day make-up Saturday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });

  // chinese-days' own isWorkday() mixes UTC parsing with local-time getters, so it only answers
  // correctly when the process runs at UTC or east of it; the calendar reads the package's JSON data
  // instead and is independent of the process time zone.
  it.skipIf(new Date(2026, 0, 1).getTimezoneOffset() > 0)(
    'agrees with chinese-days.isWorkday on every date of 2025 and 2026',
    () => {
      const disagreements: string[] = [];
      for (let ms = at('2025-01-01 12:00'); ms < at('2027-01-01 00:00'); ms += 86_400_000) {
        const date = localDate(ms);
        if (cal.isWorkday(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
      }
      expect(disagreements).toEqual([]);
    },
  );

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => cal.isWorkday('2026-10-32')).toThrow(/invalid date/);
  });
});

describe('overrides beat the official schedule', () => {
  it('a normal Monday made a holiday pushes Friday 17:00 + 1 day to Tuesday', () => {
    const c = withOverrides([['2026-11-30', { work: false, note: '区政府临时放假' }]]);
    expect(c.isWorkday('2026-11-30')).toBe(false);
    expect(show(c.addWorkingDays(at('2026-11-27 17:00'), 1))).toBe('2026-12-01 17:00:00');
  });

  it('a Saturday made a working day pulls Friday 17:00 + 1 day to Saturday', () => {
    const c = withOverrides([['2026-11-28', { work: true }]]);
    expect(c.isWorkday('2026-11-28')).toBe(true);
    expect(show(c.addWorkingDays(at('2026-11-27 17:00'), 1))).toBe('2026-11-28 17:00:00');
  });

  it('an official holiday made a working day and a make-up day cancelled both move the 5-day due', () => {
    const holidayWorked = withOverrides([['2026-10-01', { work: true }]]);
    expect(show(holidayWorked.addWorkingDays(at('2026-09-30 14:00'), 5))).toBe('2026-10-12 14:00:00');
    const makeUpCancelled = withOverrides([['2026-10-10', { work: false }]]);
    expect(show(makeUpCancelled.addWorkingDays(at('2026-09-30 14:00'), 5))).toBe('2026-10-14 14:00:00');
  });

  it('overrides of one calendar do not leak into another', () => {
    withOverrides([['2026-11-30', { work: false }]]).isWorkday('2026-11-30');
    expect(cal.isWorkday('2026-11-30')).toBe(true);
  });

  it('reads years 0–99 as they are written, not as 1900–1999 (a stored 0050-06-01 broke every deadline)', () => {
    const c = withOverrides([['0050-06-01', { work: true }]]);
    expect(c.isWorkday('0050-06-01')).toBe(true);
    expect(show(c.addWorkingDays(at('2026-11-27 17:00'), 1))).toBe('2026-11-30 17:00:00');
  });

  it('rejects an override whose date is not YYYY-MM-DD', () => {
    expect(() => withOverrides([['2026-11-3', { work: false }]])).toThrow(
      /invalid override date '2026-11-3'/,
    );
  });

  it('gives up with an error when overrides leave no working day for years', () => {
    const entries: Array<[string, DayOverride]> = [];
    for (let ms = at('2026-01-01 12:00'); ms < at('2030-01-01 00:00'); ms += 86_400_000) {
      entries.push([localDate(ms), { work: false }]);
    }
    const closed = withOverrides(entries);
    expect(() => closed.addWorkingDays(at('2026-01-05 10:00'), 1)).toThrow(/no working day within/);
    expect(() => closed.addWorkingMinutes(at('2026-01-05 10:00'), 1)).toThrow(/no working day within/);
    expect(() => closed.subtractWorkingDays(at('2029-12-01 10:00'), 1)).toThrow(/no working day within/);
  });
});

describe('custom working hours', () => {
  it('one 09:00–17:00 period makes a working day 480 minutes', () => {
    const c = createWorkingCalendar({ hours: [{ start: '09:00', end: '17:00' }] });
    expect(c.minutesPerDay).toBe(480);
    expect(show(c.addWorkingDays(at('2026-11-25 20:00'), 1))).toBe('2026-11-26 17:00:00');
    expect(show(c.addWorkingDays(at('2026-11-27 12:00'), 1))).toBe('2026-11-30 12:00:00');
  });

  it('a 00:00–24:00 day runs through midnight and skips weekends', () => {
    const c = createWorkingCalendar({ hours: [{ start: '00:00', end: '24:00' }] });
    expect(show(c.addWorkingMinutes(at('2026-11-25 23:00'), 120))).toBe('2026-11-26 01:00:00');
    expect(show(c.addWorkingDays(at('2026-11-27 10:00'), 1))).toBe('2026-11-30 10:00:00');
    expect(show(c.subtractWorkingDays(at('2026-11-30 10:00'), 1))).toBe('2026-11-27 10:00:00');
  });

  it('the default hours are 7.5 hours a day', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(cal.minutesPerDay).toBe(450);
  });

  it.each<[string, WorkingHours, RegExp]>([
    ['empty', [], /at least one period/],
    ['hour without leading zero', [{ start: '8:30', end: '12:00' }], /must be 'HH:MM'/],
    ['hour 25', [{ start: '08:30', end: '25:00' }], /must be 'HH:MM'/],
    ['minute 60', [{ start: '08:60', end: '12:00' }], /must be 'HH:MM'/],
    ['not a time', [{ start: 'morning', end: '12:00' }], /must be 'HH:MM'/],
    ['start after end', [{ start: '12:00', end: '08:30' }], /start must be before end/],
    ['empty period', [{ start: '12:00', end: '12:00' }], /start must be before end/],
    [
      'overlapping periods',
      [
        { start: '08:30', end: '12:00' },
        { start: '11:30', end: '17:30' },
      ],
      /must not overlap/,
    ],
    [
      'unsorted periods',
      [
        { start: '13:30', end: '17:30' },
        { start: '08:30', end: '12:00' },
      ],
      /sorted/,
    ],
  ])('rejects working hours: %s', (_name, hours, message) => {
    expect(() => createWorkingCalendar({ hours })).toThrow(message);
  });
});

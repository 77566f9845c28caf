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

/** 'YYYY-MM-DD HH:MM[:SS]' (UTC+8) → epoch ms. */
function at(local: string): number {
  const [date, time] = local.split(' ');
  const [hh, mm, ss = '00'] = (time ?? '').split(':');
  return localTime(date ?? '', `${hh}:${mm}`) + Number(ss) * 1000;
}

/** epoch ms → 'YYYY-MM-DD HH:MM:SS' (UTC+8), so failures read as local times. */
function show(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const cal = createWorkingCalendar({});

function withOverrides(entries: Array<[string, DayOverride]>) {
  return createWorkingCalendar({ overrides: new Map(entries) });
}

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

describe('addWorkingDays (default hours 08:30–12:00, 13:30–17:30)', () => {
  it.each([
    {
      name: '5 days over National Day: 10-01..10-07 off, make-up Saturday 10-10 counts',
      from: '2026-09-30 14:00',
      days: 5,
      due: '2026-10-13 14:00:00',
    },
    {
      name: '10 days counting the make-up Sunday 09-20 and skipping Mid-autumn and National Day',
      from: '2026-09-18 09:00',
      days: 10,
      due: '2026-10-09 09:00:00',
    },
    {
      name: '1 day from Friday 17:00 lands on Monday 17:00',
      from: '2026-11-27 17:00',
      days: 1,
      due: '2026-11-30 17:00:00',
    },
    {
      name: '1 day from mid-morning lands at the same clock time next day',
      from: '2026-11-25 10:00',
      days: 1,
      due: '2026-11-26 10:00:00',
    },
    {
      // 240 min on Wednesday afternoon + 210 min on Thursday morning; the time runs out exactly at
      // the end of Thursday's morning period, so the due stays at 12:00 rather than moving to 13:30.
      name: 'a start in the lunch break (12:30) counts from 13:30 and ends at 12:00 next day',
      from: '2026-11-25 12:30',
      days: 1,
      due: '2026-11-26 12:00:00',
    },
    {
      name: 'a start at 20:00 counts from 08:30 next day and stays at that day’s 17:30 end',
      from: '2026-11-25 20:00',
      days: 1,
      due: '2026-11-26 17:30:00',
    },
    {
      name: 'a start on Sunday counts from Monday 08:30',
      from: '2026-11-29 10:00',
      days: 1,
      due: '2026-11-30 17:30:00',
    },
    {
      name: 'a start at 08:30 sharp uses that whole day',
      from: '2026-11-25 08:30',
      days: 2,
      due: '2026-11-26 17:30:00',
    },
    {
      name: 'half a day (225 min) from 08:30 crosses lunch',
      from: '2026-11-25 08:30',
      days: 0.5,
      due: '2026-11-25 13:45:00',
    },
    {
      name: 'zero days leaves the instant alone',
      from: '2026-11-29 10:00',
      days: 0,
      due: '2026-11-29 10:00:00',
    },
  ])('$name', ({ from, days, due }) => {
    expect(show(cal.addWorkingDays(at(from), days))).toBe(due);
  });

  it.each([
    ['2026-11-25 12:30', '2026-11-25 13:30'],
    ['2026-11-25 20:00', '2026-11-26 08:30'],
    ['2026-11-29 10:00', '2026-11-30 08:30'],
    ['2026-10-01 09:00', '2026-10-08 08:30'],
  ])('a start at %s (outside working hours) behaves like a start at %s', (outside, next) => {
    for (const days of [1, 3]) {
      expect(show(cal.addWorkingDays(at(outside), days))).toBe(show(cal.addWorkingDays(at(next), days)));
    }
  });

  it('adds 250 days landing on the 250th following official working day at the same clock time', () => {
    const from = at('2026-03-02 10:15');
    let day = from;
    for (let n = 0; n < 250; ) {
      day += 86_400_000;
      if (cal.isWorkday(localDate(day))) n++;
    }
    expect(show(cal.addWorkingDays(from, 250))).toBe(show(day));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s days', (days) => {
    expect(() => cal.addWorkingDays(at('2026-11-25 10:00'), days)).toThrow(RangeError);
  });
});

describe('addWorkingMinutes', () => {
  it.each([
    {
      name: 'ending exactly at 12:00 stays at 12:00',
      from: '2026-11-25 11:00',
      min: 60,
      due: '2026-11-25 12:00:00',
    },
    {
      name: 'one minute more continues after lunch',
      from: '2026-11-25 11:00',
      min: 61,
      due: '2026-11-25 13:31:00',
    },
    {
      name: 'ending exactly at 17:30 stays at 17:30',
      from: '2026-11-25 17:00',
      min: 30,
      due: '2026-11-25 17:30:00',
    },
    {
      name: 'one minute more goes to next day 08:31',
      from: '2026-11-25 17:00',
      min: 31,
      due: '2026-11-26 08:31:00',
    },
    { name: 'Friday overflow goes to Monday', from: '2026-11-27 17:00', min: 31, due: '2026-11-30 08:31:00' },
    {
      name: 'a start at 20:00 begins at 08:30 next day',
      from: '2026-11-25 20:00',
      min: 1,
      due: '2026-11-26 08:31:00',
    },
    { name: 'fractional minutes are kept', from: '2026-11-25 09:00', min: 1.5, due: '2026-11-25 09:01:30' },
    {
      name: '450 minutes equal one working day',
      from: '2026-11-27 17:00',
      min: 450,
      due: '2026-11-30 17:00:00',
    },
  ])('$name', ({ from, min, due }) => {
    expect(show(cal.addWorkingMinutes(at(from), min))).toBe(due);
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

describe('subtractWorkingDays', () => {
  it.each([
    { name: '5 days back over National Day', to: '2026-10-13 14:00', days: 5, from: '2026-09-30 14:00:00' },
    {
      name: '1 day back from the due of a 5-day clock',
      to: '2026-10-13 14:00',
      days: 1,
      from: '2026-10-12 14:00:00',
    },
    {
      name: '1 day back from Monday goes to Friday',
      to: '2026-11-30 10:00',
      days: 1,
      from: '2026-11-27 10:00:00',
    },
    {
      name: 'from 20:00 counts back from 17:30, stopping at 08:30',
      to: '2026-11-25 20:00',
      days: 1,
      from: '2026-11-25 08:30:00',
    },
    {
      name: 'from lunch counts back from 12:00, stopping at the 13:30 start of the day before',
      to: '2026-11-26 12:30',
      days: 1,
      from: '2026-11-25 13:30:00',
    },
    {
      name: 'zero days leaves the instant alone',
      to: '2026-11-29 10:00',
      days: 0,
      from: '2026-11-29 10:00:00',
    },
  ])('$name', ({ to, days, from }) => {
    expect(show(cal.subtractWorkingDays(at(to), days))).toBe(from);
  });

  it.each([
    ['2026-09-30 14:00', 5],
    ['2026-11-27 17:00', 1],
    ['2026-11-25 09:15', 3],
    ['2026-10-09 11:59', 10],
    ['2026-02-13 16:45', 2],
  ])('is the inverse of addWorkingDays at %s for %s days', (local, days) => {
    const x = at(local);
    const due = cal.addWorkingDays(x, days);
    expect(due).toBeGreaterThan(x);
    expect(show(cal.subtractWorkingDays(due, days))).toBe(show(x));
    const before = cal.subtractWorkingDays(x, days);
    expect(show(cal.addWorkingDays(before, days))).toBe(show(x));
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    { name: 'within one day across lunch', a: '2026-11-25 09:00', b: '2026-11-25 16:00', min: 330 },
    { name: 'over a weekend', a: '2026-11-27 17:00', b: '2026-11-30 09:00', min: 60 },
    {
      name: 'over National Day and the make-up Saturday',
      a: '2026-09-30 14:00',
      b: '2026-10-13 14:00',
      min: 2250,
    },
    {
      name: 'both outside working hours on one evening',
      a: '2026-11-25 18:00',
      b: '2026-11-25 23:00',
      min: 0,
    },
    { name: 'b before a', a: '2026-11-26 10:00', b: '2026-11-25 10:00', min: 0 },
    { name: 'b equal to a', a: '2026-11-26 10:00', b: '2026-11-26 10:00', min: 0 },
    { name: 'seconds count as fractions', a: '2026-11-26 10:00:00', b: '2026-11-26 10:00:30', min: 0.5 },
  ])('$name: $min', ({ a, b, min }) => {
    expect(cal.workingMinutesBetween(at(a), at(b))).toBe(min);
  });

  it('measures exactly what addWorkingMinutes added', () => {
    const from = at('2026-09-29 16:10');
    for (const minutes of [1, 45, 450, 1000, 4321]) {
      expect(cal.workingMinutesBetween(from, cal.addWorkingMinutes(from, minutes))).toBe(minutes);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { localDate } from '../../../server/sla/calendar.js';
import { at, cal, show } from './calendar-setup.js';

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

import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, localTime } from '../../../server/sla/calendar.js';
import {
  addClock,
  type ClockSpec,
  type ClockUnit,
  type DeadlineColor,
  deadlineColor,
  upstreamBound,
  yellowAt,
} from '../../../server/sla/deadlines.js';

/** 'YYYY-MM-DD HH:MM[:SS]' (UTC+8) → epoch ms. */
function at(local: string): number {
  const [date, time] = local.split(' ');
  const [hh, mm, ss = '00'] = (time ?? '').split(':');
  return localTime(date ?? '', `${hh}:${mm}`) + Number(ss) * 1000;
}

/** epoch ms → 'YYYY-MM-DD HH:MM:SS' (UTC+8). */
function show(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const cal = createWorkingCalendar({});

describe('addClock', () => {
  it.each<{ name: string; from: string; spec: ClockSpec; due: string }>([
    {
      name: '30 wall-clock minutes from 02:00 on a Sunday end at 02:30 the same night',
      from: '2026-11-29 02:00',
      spec: { unit: 'minutes', amount: 30 },
      due: '2026-11-29 02:30:00',
    },
    {
      name: '24 wall-clock hours run through a weekend',
      from: '2026-11-28 10:00',
      spec: { unit: 'hours', amount: 24 },
      due: '2026-11-29 10:00:00',
    },
    {
      name: '24 wall-clock hours run through a public holiday',
      from: '2026-10-01 09:00',
      spec: { unit: 'hours', amount: 24 },
      due: '2026-10-02 09:00:00',
    },
    {
      name: '2 working hours from Friday 17:00 end Monday 10:00',
      from: '2026-11-27 17:00',
      spec: { unit: 'working_hours', amount: 2 },
      due: '2026-11-30 10:00:00',
    },
    {
      name: '5 working days over National Day end on 10-13 (make-up Saturday 10-10 counts)',
      from: '2026-09-30 14:00',
      spec: { unit: 'working_days', amount: 5 },
      due: '2026-10-13 14:00:00',
    },
    {
      name: '1 working day from Friday 17:00 ends Monday 17:00',
      from: '2026-11-27 17:00',
      spec: { unit: 'working_days', amount: 1 },
      due: '2026-11-30 17:00:00',
    },
  ])('$name', ({ from, spec, due }) => {
    expect(show(addClock(cal, at(from), spec))).toBe(due);
  });

  it.each<ClockSpec>([
    { unit: 'minutes', amount: -1 },
    { unit: 'working_days', amount: Number.NaN },
  ])('rejects the amount of $amount $unit', (spec) => {
    expect(() => addClock(cal, at('2026-11-25 10:00'), spec)).toThrow(RangeError);
  });

  it('rejects an unknown unit', () => {
    const spec = { unit: 'fortnights' as ClockUnit, amount: 1 };
    expect(() => addClock(cal, at('2026-11-25 10:00'), spec)).toThrow(/unknown clock unit 'fortnights'/);
  });
});

describe('yellowAt', () => {
  it.each<{ name: string; from: string; spec: ClockSpec; yellow: string; ratio?: number }>([
    {
      name: '5 working days: 1 working day before due',
      from: '2026-09-30 14:00',
      spec: { unit: 'working_days', amount: 5 },
      yellow: '2026-10-12 14:00:00',
    },
    {
      name: '2 working days from a Saturday: 1 working day before due, at the start of due day',
      from: '2026-11-28 10:00',
      spec: { unit: 'working_days', amount: 2 },
      yellow: '2026-12-01 08:30:00',
    },
    {
      name: '1 working day: after 75% of its working time (337.5 of 450 min)',
      from: '2026-11-25 09:00',
      spec: { unit: 'working_days', amount: 1 },
      yellow: '2026-11-25 16:07:30',
    },
    {
      name: '1 working day from Friday 17:00: 75% counts working time, not the weekend',
      from: '2026-11-27 17:00',
      spec: { unit: 'working_days', amount: 1 },
      yellow: '2026-11-30 15:07:30',
    },
    {
      name: '30 minutes: at 22.5 minutes',
      from: '2026-11-29 02:00',
      spec: { unit: 'minutes', amount: 30 },
      yellow: '2026-11-29 02:22:30',
    },
    {
      name: '24 hours: at 18 wall-clock hours',
      from: '2026-11-28 10:00',
      spec: { unit: 'hours', amount: 24 },
      yellow: '2026-11-29 04:00:00',
    },
    {
      name: '30 minutes with ratio 0.5: at 15 minutes',
      from: '2026-11-29 02:00',
      spec: { unit: 'minutes', amount: 30 },
      yellow: '2026-11-29 02:15:00',
      ratio: 0.5,
    },
    {
      name: '8 working hours (more than a 7.5 h day): 1 working day before due',
      from: '2026-11-25 09:00',
      spec: { unit: 'working_hours', amount: 8 },
      yellow: '2026-11-25 09:30:00',
    },
    {
      name: '7.5 working hours (exactly one day): after 75% of its working time',
      from: '2026-11-25 09:00',
      spec: { unit: 'working_hours', amount: 7.5 },
      yellow: '2026-11-25 16:07:30',
    },
    {
      name: '2 working hours: after 90 working minutes',
      from: '2026-11-25 11:00',
      spec: { unit: 'working_hours', amount: 2 },
      yellow: '2026-11-25 14:00:00',
    },
  ])('$name', ({ from, spec, yellow, ratio }) => {
    const start = at(from);
    const due = addClock(cal, start, spec);
    const y = yellowAt(cal, start, due, spec, ratio);
    expect(show(y)).toBe(yellow);
    expect(y).toBeGreaterThanOrEqual(start);
    expect(y).toBeLessThanOrEqual(due);
  });

  it('is 1 working day before due for every clock longer than a working day', () => {
    const from = at('2026-09-18 15:20');
    for (const amount of [2, 3, 5, 10]) {
      const spec: ClockSpec = { unit: 'working_days', amount };
      const due = addClock(cal, from, spec);
      expect(yellowAt(cal, from, due, spec)).toBe(cal.subtractWorkingDays(due, 1));
    }
  });

  it('is never earlier than the start', () => {
    const from = at('2026-11-25 10:00');
    expect(yellowAt(cal, from, from, { unit: 'working_days', amount: 0 })).toBe(from);
    expect(yellowAt(cal, from, from + 60_000, { unit: 'minutes', amount: 1 }, 0)).toBe(from);
    expect(yellowAt(cal, from, from - 60_000, { unit: 'working_days', amount: 5 })).toBe(from);
  });

  it.each([-0.1, 1.1, Number.NaN])('rejects the ratio %s', (ratio) => {
    const from = at('2026-11-25 10:00');
    expect(() => yellowAt(cal, from, from + 1_800_000, { unit: 'minutes', amount: 30 }, ratio)).toThrow(
      RangeError,
    );
  });
});

describe('deadlineColor', () => {
  const yellow = at('2026-10-12 14:00');
  const due = at('2026-10-13 14:00');
  it.each<[string, number, DeadlineColor]>([
    ['well before the yellow card', at('2026-09-30 14:00'), 'green'],
    ['1 ms before the yellow card', yellow - 1, 'green'],
    ['at the yellow card', yellow, 'yellow'],
    ['between yellow card and due', yellow + 1, 'yellow'],
    ['exactly at due', due, 'yellow'],
    ['1 ms after due', due + 1, 'red'],
  ])('%s is %s', (_name, now, color) => {
    expect(deadlineColor(now, yellow, due)).toBe(color);
  });

  it('when the yellow card equals due, only the due instant itself is yellow', () => {
    expect(deadlineColor(due - 1, due, due)).toBe('green');
    expect(deadlineColor(due, due, due)).toBe('yellow');
    expect(deadlineColor(due + 1, due, due)).toBe('red');
  });
});

describe('upstreamBound', () => {
  const hour = 3_600_000;
  const margin = 4 * hour;
  it.each<{ name: string; now: string; due: string; bound: string | 'none' }>([
    {
      name: 'a day left: Yantai’s due less the margin',
      now: '2026-11-26 09:00',
      due: '2026-11-27 09:00',
      bound: '2026-11-27 05:00:00',
    },
    {
      name: 'exactly twice the margin left: still due less the margin',
      now: '2026-11-26 09:00',
      due: '2026-11-26 17:00',
      bound: '2026-11-26 13:00:00',
    },
    {
      name: 'less than twice the margin: half the time left',
      now: '2026-11-26 09:00',
      due: '2026-11-26 10:00',
      bound: '2026-11-26 09:30:00',
    },
    {
      name: 'one second left: half a second, never already passed',
      now: '2026-11-26 09:00:00',
      due: '2026-11-26 09:00:01',
      bound: '2026-11-26 09:00:00',
    },
    {
      name: 'Yantai’s due reached: nothing bounds the local clocks',
      now: '2026-11-26 09:00',
      due: '2026-11-26 09:00',
      bound: 'none',
    },
    {
      name: 'Yantai’s due passed: nothing bounds the local clocks',
      now: '2026-11-26 09:00',
      due: '2026-11-25 09:00',
      bound: 'none',
    },
  ])('$name', ({ now, due, bound }) => {
    const got = upstreamBound(at(now), at(due), margin);
    if (bound === 'none') expect(got).toBe(Number.POSITIVE_INFINITY);
    else {
      expect(show(got)).toBe(bound);
      expect(got).toBeGreaterThanOrEqual(at(now));
      expect(got).toBeLessThan(at(due));
    }
  });
});

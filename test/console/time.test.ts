import { describe, expect, it } from 'vitest';
import type { AssignmentStatus } from '../../agent-console/src/api/types.js';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatShort,
  formatTime,
  formatWorkLeft,
  light,
  runningDeadline,
  timeLeft,
  worstLight,
} from '../../agent-console/src/lib/time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// The browser may run in any zone: the console always shows China time.
const zones = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'];

describe.each(zones)('China time in a browser whose zone is %s', (zone) => {
  const saved = process.env.TZ;
  it('formats instants as Asia/Shanghai wall time', () => {
    process.env.TZ = zone;
    try {
      const cases: [string | number, string, string, string][] = [
        ['2026-11-27T14:05:09+08:00', '2026-11-27 14:05', '2026-11-27', '14:05'],
        ['2026-11-27T16:30:00Z', '2026-11-28 00:30', '2026-11-28', '00:30'],
        ['2026-12-31T23:59:00+08:00', '2026-12-31 23:59', '2026-12-31', '23:59'],
        [Date.parse('2026-01-01T00:00:00+08:00'), '2026-01-01 00:00', '2026-01-01', '00:00'],
      ];
      for (const [at, dateTime, date, time] of cases) {
        expect(formatDateTime(at)).toBe(dateTime);
        expect(formatDate(at)).toBe(date);
        expect(formatTime(at)).toBe(time);
      }
      expect(formatDateTime('2026-11-27T14:05:09+08:00', true)).toBe('2026-11-27 14:05:09');
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('formatDateTime', () => {
  it.each([null, undefined, '', 'not a date'])('shows — for %s', (value) => {
    expect(formatDateTime(value)).toBe('—');
  });
});

describe('formatShort', () => {
  const now = Date.parse('2026-11-27T10:00:00+08:00');
  it.each([
    ['2026-11-27T08:15:00+08:00', '今天 08:15'],
    ['2026-11-27T00:10:00+08:00', '今天 00:10'],
    ['2026-11-26T23:50:00+08:00', '昨天 23:50'],
    ['2026-11-26T15:50:00Z', '昨天 23:50'],
    ['2026-03-02T09:00:00+08:00', '03-02 09:00'],
    ['2025-12-31T09:00:00+08:00', '2025-12-31 09:00'],
  ])('%s → %s', (at, expected) => {
    expect(formatShort(at, now)).toBe(expected);
  });
});

describe('formatDuration and timeLeft', () => {
  const now = Date.parse('2026-11-27T10:00:00+08:00');
  it.each([
    [2 * DAY + 3 * HOUR + 20 * MIN, '2 天 3 小时'],
    [2 * DAY, '2 天'],
    [5 * HOUR + 7 * MIN, '5 小时 7 分钟'],
    [3 * HOUR, '3 小时'],
    [15 * MIN + 30_000, '15 分钟'],
    [20_000, '1 分钟'],
    [0, '0 分钟'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(formatDuration(-ms)).toBe(text);
  });

  it.each([
    ['2026-11-29T13:20:00+08:00', false, '剩余 2 天 3 小时'],
    ['2026-11-27T10:30:00+08:00', false, '剩余 30 分钟'],
    ['2026-11-27T10:00:00+08:00', false, '剩余 0 分钟'],
    ['2026-11-26T10:00:00+08:00', true, '超期 1 天'],
    ['2026-11-27T07:45:00+08:00', true, '超期 2 小时 15 分钟'],
  ])('due %s → overdue %s, %s', (due, overdue, text) => {
    expect(timeLeft(due, now)).toMatchObject({ overdue, text });
  });

  it('has nothing to say without a deadline', () => {
    expect(timeLeft(null, now)).toBeNull();
  });
});

describe('deadlines and traffic lights', () => {
  const a = { signDueAt: 'S', dueAt: 'D' };
  it.each<[AssignmentStatus, string | null, string | null]>([
    ['pending_sign', 'sign', 'S'],
    ['in_progress', 'handle', 'D'],
    ['return_requested', 'handle', 'D'],
    ['replied', null, null],
    ['returned', null, null],
    ['closed', null, null],
  ])('an assignment %s runs its %s clock', (status, kind, dueAt) => {
    const d = runningDeadline({ ...a, status });
    expect(d?.kind ?? null).toBe(kind);
    expect(d?.dueAt ?? null).toBe(dueAt);
  });

  it.each([
    ['green', '正常', '绿', 'success'],
    ['yellow', '预警', '黄', 'warning'],
    ['red', '超期', '红', 'danger'],
  ] as const)('%s is %s', (color, label, short, tag) => {
    expect(light(color)).toMatchObject({ label, short, tag });
  });

  it.each([
    [[], 'green'],
    [['green', 'green'], 'green'],
    [['green', 'yellow'], 'yellow'],
    [['yellow', 'red', 'green'], 'red'],
  ] as const)('the worst of %j is %s', (colors, worst) => {
    expect(worstLight(colors.map((deadline) => ({ deadline })))).toBe(worst);
  });
});

describe('formatWorkLeft: the working time left as the server counts it', () => {
  it.each([
    [{ minutes: 450, perDay: 450 }, '剩余 1 个工作日'],
    [{ minutes: 450 * 2 + 150, perDay: 450 }, '剩余 2 个工作日 2 小时'],
    [{ minutes: 95, perDay: 450 }, '剩余 1 小时 35 分钟'],
    [{ minutes: 120, perDay: 450 }, '剩余 2 小时'],
    [{ minutes: 45, perDay: 450 }, '剩余 45 分钟'],
    [{ minutes: 0, perDay: 450 }, '剩余 0 分钟'],
    [{ minutes: -120, perDay: 450 }, '超期 2 小时'],
    [{ minutes: -(450 * 5 + 30), perDay: 450 }, '超期 5 个工作日'],
    // Due at 17:30, now 18:00: not a working minute past due, but past it all the same.
    [{ minutes: 0, perDay: 450, unit: 'working', overdue: true }, '已超期'],
    [{ minutes: 0, perDay: 450, unit: 'working', overdue: false }, '剩余 0 分钟'],
    // An urgent ticket's 30 minutes to sign run at night too: real time, not 剩余 0 分钟.
    [{ minutes: 17, perDay: 1440, unit: 'wall', overdue: false }, '剩余 17 分钟'],
    [{ minutes: 24 * 60 - 1, perDay: 1440, unit: 'wall', overdue: false }, '剩余 23 小时 59 分钟'],
    [{ minutes: 26 * 60, perDay: 1440, unit: 'wall', overdue: false }, '剩余 1 天 2 小时'],
    [{ minutes: -3, perDay: 1440, unit: 'wall', overdue: true }, '超期 3 分钟'],
    [{ minutes: 0, perDay: 1440, unit: 'wall', overdue: true }, '已超期'],
    [null, null],
  ] as [Parameters<typeof formatWorkLeft>[0], string | null][])('%j → %s', (w, text) => {
    expect(formatWorkLeft(w)).toBe(text);
  });
});

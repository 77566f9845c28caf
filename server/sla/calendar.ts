/**
 * Working-time calendar for SLA deadlines: China's official working-day schedule (public holidays off,
 * 调休 make-up weekend days on, otherwise Monday–Friday), admin day overrides on top, and the daily
 * working hours. Pure: no I/O, no dependence on the process time zone. Instants are epoch milliseconds;
 * every local date and clock time is China Standard Time (UTC+8 all year, no DST).
 */

// The official schedule comes from the `chinese-days` package, read from the JSON data file it ships
// (`dist/chinese-days.json`, documented in its README) rather than through `chineseDays.isWorkday()`:
// that function parses 'YYYY-MM-DD' as UTC midnight but reads the weekday and the lookup key with
// *local* getters, so in a time zone west of UTC (e.g. a developer machine in America/*) it answers
// for the previous day (Monday 2026-11-30 comes out as a day off). The JSON maps are plain date keys.
import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { CST_OFFSET_MS } from '../core/clock.js';

/** Daily working periods, 'HH:MM' local time, sorted and non-overlapping. */
export type WorkingHours = ReadonlyArray<{ start: string; end: string }>;

/** 08:30–12:00 and 13:30–17:30: 7.5 working hours a day. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze([
  Object.freeze({ start: '08:30', end: '12:00' }),
  Object.freeze({ start: '13:30', end: '17:30' }),
]);

/** An admin decision for one local date that beats the official schedule. */
export interface DayOverride {
  work: boolean;
  note?: string;
}

export interface WorkingCalendar {
  /** Minutes of working time in one working day (the sum of the working periods). */
  readonly minutesPerDay: number;
  /**
   * 'YYYY-MM-DD' local date → is it a working day (override first, then the official schedule:
   * holidays off, 调休 make-up weekend days on, else Mon–Fri).
   */
  isWorkday(date: string): boolean;
  /**
   * Advances `from` by `days` working days of working time: N × (minutes of working time per day).
   * Starting inside working hours lands at the same clock time on the Nth following working day;
   * starting outside working hours, counting starts at the next working period.
   */
  addWorkingDays(from: number, days: number): number;
  /**
   * Advances by working minutes, counting only working hours on working days. A result that falls
   * exactly at the end of a period stays there (does not jump to the next period start).
   */
  addWorkingMinutes(from: number, minutes: number): number;
  /** The instant that lies `days` working days of working time before `to`. */
  subtractWorkingDays(to: number, days: number): number;
  /** Working minutes between a and b (0 if b <= a). */
  workingMinutesBetween(a: number, b: number): number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A search for working time gives up after this many consecutive days without any. */
const MAX_IDLE_DAYS = 3 * 366;
/** No deadline computation may walk further than this many days (about a century). */
const MAX_SPAN_DAYS = 100 * 366;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^(\d{2}):(\d{2})$/;

const official = officialData as {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
};

/** Local (UTC+8) date string 'YYYY-MM-DD' of an instant. */
export function localDate(ms: number): string {
  assertInstant(ms, 'ms');
  return dayToDate(dayOf(ms));
}

/** Instant of a local date + 'HH:MM' in UTC+8 ('24:00' is the end of that day). */
export function localTime(date: string, hhmm: string): number {
  const minutes = parseHhmm(hhmm);
  if (minutes === undefined) throw new Error(`invalid local time '${hhmm}': expected 'HH:MM'`);
  return dayStart(dateToDay(date)) + minutes * MINUTE_MS;
}

/**
 * The years the official schedule covers (any holiday listed). A year without it counts Monday–Friday only: its
 * 法定节假日 and 调休 are the admin's to enter as overrides until a newer `chinese-days` brings them.
 */
export const OFFICIAL_YEARS: ReadonlySet<number> = new Set(
  Object.keys(official.holidays).map((date) => Number(date.slice(0, 4))),
);

/**
 * The years whose deadlines may be counted soon without the official schedule: this one, and from November on
 * the next (the State Council publishes it around then; deadlines of a few weeks already reach into it).
 */
export function yearsWithoutSchedule(now: number): number[] {
  const [year, month] = localDate(now).split('-').map(Number) as [number, number];
  const soon = month >= 11 ? [year, year + 1] : [year];
  return soon.filter((y) => !OFFICIAL_YEARS.has(y));
}

/** The official name of a holiday or 调休 working day ('国庆节'), or null for an ordinary day. */
export function officialDayName(date: string): string | null {
  const entry = Object.hasOwn(official.holidays, date)
    ? official.holidays[date]
    : Object.hasOwn(official.workdays, date)
      ? official.workdays[date]
      : undefined;
  return entry?.split(',')[1] ?? null;
}

export function createWorkingCalendar(
  opts: { overrides?: ReadonlyMap<string, DayOverride>; hours?: WorkingHours } = {},
): WorkingCalendar {
  const periods = parseWorkingHours(opts.hours ?? DEFAULT_WORKING_HOURS);
  const minutesPerDay = periods.reduce((sum, p) => sum + (p.end - p.start), 0);
  const dayMs = minutesPerDay * MINUTE_MS;

  const overrides = new Map<number, boolean>();
  for (const [date, override] of opts.overrides ?? []) {
    overrides.set(dateToDay(date, 'override date'), override.work);
  }

  const cache = new Map<number, boolean>();
  const isWorkdayNum = (day: number): boolean => {
    let work = cache.get(day);
    if (work === undefined) {
      work = overrides.get(day) ?? officialIsWorkday(day);
      cache.set(day, work);
    }
    return work;
  };

  /** Moves forward through `ms` of working time; `ms` > 0. */
  const forward = (from: number, ms: number): number => {
    let remaining = ms;
    let idle = 0;
    const first = dayOf(from);
    for (let day = first; ; day++) {
      if (day - first > MAX_SPAN_DAYS) throw tooFar(ms);
      if (!isWorkdayNum(day)) {
        if (++idle > MAX_IDLE_DAYS) throw noWorkingTime('after', from);
        continue;
      }
      idle = 0;
      const base = dayStart(day);
      // Skip whole days with one subtraction when the clock would run through all of them.
      if (from <= base + periods[0]!.start * MINUTE_MS && remaining > dayMs) {
        remaining -= dayMs;
        continue;
      }
      for (const p of periods) {
        const end = base + p.end * MINUTE_MS;
        if (end <= from) continue;
        const start = Math.max(from, base + p.start * MINUTE_MS);
        const available = end - start;
        if (remaining <= available) return start + remaining;
        remaining -= available;
      }
    }
  };

  /** Moves backward through `ms` of working time; `ms` > 0. */
  const backward = (to: number, ms: number): number => {
    let remaining = ms;
    let idle = 0;
    const lastEnd = periods[periods.length - 1]!.end;
    const first = dayOf(to - 1);
    for (let day = first; ; day--) {
      if (first - day > MAX_SPAN_DAYS) throw tooFar(ms);
      if (!isWorkdayNum(day)) {
        if (++idle > MAX_IDLE_DAYS) throw noWorkingTime('before', to);
        continue;
      }
      idle = 0;
      const base = dayStart(day);
      if (to >= base + lastEnd * MINUTE_MS && remaining > dayMs) {
        remaining -= dayMs;
        continue;
      }
      for (let i = periods.length - 1; i >= 0; i--) {
        const p = periods[i]!;
        const start = base + p.start * MINUTE_MS;
        if (start >= to) continue;
        const end = Math.min(to, base + p.end * MINUTE_MS);
        const available = end - start;
        if (remaining <= available) return end - remaining;
        remaining -= available;
      }
    }
  };

  const between = (a: number, b: number): number => {
    if (b <= a) return 0;
    let total = 0;
    const last = dayOf(b - 1);
    for (let day = dayOf(a); day <= last; day++) {
      if (!isWorkdayNum(day)) continue;
      const base = dayStart(day);
      for (const p of periods) {
        const start = Math.max(a, base + p.start * MINUTE_MS);
        const end = Math.min(b, base + p.end * MINUTE_MS);
        if (end > start) total += end - start;
      }
    }
    return total / MINUTE_MS;
  };

  return {
    minutesPerDay,
    isWorkday: (date) => isWorkdayNum(dateToDay(date)),
    addWorkingDays: (from, days) => {
      assertInstant(from, 'from');
      assertAmount(days, 'days');
      return days === 0 ? from : forward(from, Math.round(days * dayMs));
    },
    addWorkingMinutes: (from, minutes) => {
      assertInstant(from, 'from');
      assertAmount(minutes, 'minutes');
      return minutes === 0 ? from : forward(from, Math.round(minutes * MINUTE_MS));
    },
    subtractWorkingDays: (to, days) => {
      assertInstant(to, 'to');
      assertAmount(days, 'days');
      return days === 0 ? to : backward(to, Math.round(days * dayMs));
    },
    workingMinutesBetween: (a, b) => {
      assertInstant(a, 'a');
      assertInstant(b, 'b');
      return between(a, b);
    },
  };
}

interface Period {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

function parseWorkingHours(hours: WorkingHours): Period[] {
  if (!Array.isArray(hours) || hours.length === 0) {
    throw new Error('invalid working hours: at least one period is required');
  }
  const periods: Period[] = [];
  for (const [i, h] of hours.entries()) {
    const label = `working hours period #${i + 1} (${String(h?.start)}–${String(h?.end)})`;
    const start = typeof h?.start === 'string' ? parseHhmm(h.start) : undefined;
    const end = typeof h?.end === 'string' ? parseHhmm(h.end) : undefined;
    if (start === undefined || end === undefined) {
      throw new Error(`invalid ${label}: start and end must be 'HH:MM' between 00:00 and 24:00`);
    }
    if (start >= end) throw new Error(`invalid ${label}: start must be before end`);
    const prev = periods[periods.length - 1];
    if (prev !== undefined && start < prev.end) {
      throw new Error(`invalid ${label}: periods must be sorted and must not overlap`);
    }
    periods.push({ start, end });
  }
  return periods;
}

/** 'HH:MM' → minutes after midnight; '24:00' allowed; undefined when malformed. */
function parseHhmm(hhmm: string): number | undefined {
  const m = HHMM_RE.exec(hhmm);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** Local day number: days since 1970-01-01 in UTC+8. */
function dayOf(ms: number): number {
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS);
}

/** Instant of local midnight starting `day`. */
function dayStart(day: number): number {
  return day * DAY_MS - CST_OFFSET_MS;
}

function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dateToDay(date: string, what = 'date'): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const day = m
    ? new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS
    : Number.NaN;
  // The round trip rejects dates such as 2026-02-30 that Date.UTC would silently roll over.
  if (!Number.isInteger(day) || dayToDate(day) !== date) {
    throw new Error(`invalid ${what} '${String(date)}': expected an existing 'YYYY-MM-DD' date`);
  }
  return day;
}

function officialIsWorkday(day: number): boolean {
  const date = dayToDate(day);
  if (Object.hasOwn(official.workdays, date)) return true;
  if (Object.hasOwn(official.holidays, date)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

function assertInstant(ms: number, name: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a finite epoch-milliseconds instant`);
}

function assertAmount(n: number, name: string): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${n}`);
}

function noWorkingTime(direction: 'after' | 'before', ms: number): Error {
  return new Error(
    `no working day within ${MAX_IDLE_DAYS} days ${direction} ${localDate(ms)}: check the calendar overrides`,
  );
}

function tooFar(ms: number): Error {
  return new RangeError(`${ms / MINUTE_MS} working minutes reach beyond ${MAX_SPAN_DAYS} days`);
}

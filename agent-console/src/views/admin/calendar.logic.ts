// Pure rules of the working calendar tab (工作日历): the month grid, what kind of day each is, working hours.
// No Vue, no DOM: unit-tested in node (test/console/admin/).
import type { CalendarDay, WorkingHours } from '../../api/admin.js';

// ——— Working calendar —————————————————————————————————————————————————————————————————————————————

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The warning for days the official schedule does not cover yet (`source: weekday`): their year's 法定节假日 and
 * 调休 are unknown to the server, which counts Monday–Friday until the admin sets them; null when none.
 */
export function unscheduledNotice(days: readonly CalendarDay[]): string | null {
  const years = [...new Set(days.filter((d) => d.source === 'weekday').map((d) => d.date.slice(0, 4)))];
  if (years.length === 0) return null;
  return `${years.join('、')} 年的法定节假日与调休安排尚未收录，办理时限暂按周一至周五计算。国家公布安排后，请点选日期逐日设置放假日和调休上班日。`;
}

/** `2026-10` → its first and last day, the `from`/`to` of `GET /api/calendar/days`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` };
}

/** `2026-12` + 1 → `2027-01`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** 1 Monday … 7 Sunday, of a `yyyy-mm-dd` (a calendar date, no time zone involved). */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export const isWeekend = (date: string): boolean => isoWeekday(date) >= 6;

/** The month as weeks Monday to Sunday; days of other months are null. */
export function monthGrid(month: string): (string | null)[][] {
  const { from, to } = monthRange(month);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: isoWeekday(from) - 1 }, () => null);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    week.push(new Date(t).toISOString().slice(0, 10));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'override_off' | 'override_work';

/**
 * What a day of the server's calendar is, for its colour and tag: an override is the admin's; otherwise a
 * day off with a holiday name is 法定节假日, a worked weekend day is 调休上班, a plain weekend is 周末.
 */
export function dayKind(day: CalendarDay): DayKind {
  if (day.source === 'override') return day.work ? 'override_work' : 'override_off';
  if (!day.work) return day.note ? 'holiday' : 'weekend';
  return isWeekend(day.date) ? 'makeup' : 'workday';
}

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '休息日',
  holiday: '法定节假日',
  makeup: '调休上班',
  override_off: '调整为休息',
  override_work: '调整为上班',
};

/** The short badge of a day cell: 休 / 班 (only where it differs from an ordinary week). */
export function dayBadge(day: CalendarDay): string | null {
  const kind = dayKind(day);
  if (kind === 'holiday' || kind === 'override_off') return '休';
  if (kind === 'makeup' || kind === 'override_work') return '班';
  return null;
}

export interface HoursRow {
  start: string;
  end: string;
}

/** Working periods as sent: trimmed, in order of start (the server checks overlaps and format). */
export function hoursBody(rows: readonly HoursRow[]): WorkingHours {
  return rows
    .map((r) => ({ start: r.start.trim(), end: r.end.trim() }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** `08:30–12:00、13:30–17:30` */
export function hoursText(hours: WorkingHours): string {
  return hours.map((h) => `${h.start}–${h.end}`).join('、');
}

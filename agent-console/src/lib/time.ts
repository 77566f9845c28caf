// Dates and deadlines in China time (Asia/Shanghai, UTC+8, no daylight saving) whatever the browser's zone.
// Deadlines and their traffic lights come computed from the server (working calendar included); this
// module only formats them. Pure: no Vue, no DOM.
import type { Assignment, DeadlineColor } from '../api/types.js';
import { LIGHTS } from './labels.js';

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Instant = string | number | Date | null | undefined;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function toMs(at: Instant): number | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The China-local calendar fields of an instant. */
export function chinaParts(at: number): {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
} {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of parts.formatToParts(at)) {
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  }
  return out;
}

/** `2026-11-27 14:05` in China time; `—` for nothing. */
export function formatDateTime(at: Instant, withSeconds = false): string {
  const ms = toMs(at);
  if (ms === null) return '—';
  const p = chinaParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

/** `2026-11-27` in China time (also the `from`/`to` format of `GET /api/tickets`). */
export function formatDate(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return '—';
  const p = chinaParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `14:05` in China time. */
export function formatTime(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return '—';
  const p = chinaParts(ms);
  return `${p.hour}:${p.minute}`;
}

/** Compact for lists: `今天 14:05`, `昨天 09:10`, `11-27 14:05` this year, else the full date and time. */
export function formatShort(at: Instant, now: number = Date.now()): string {
  const ms = toMs(at);
  if (ms === null) return '—';
  const day = formatDate(ms);
  if (day === formatDate(now)) return `今天 ${formatTime(ms)}`;
  if (day === formatDate(now - DAY)) return `昨天 ${formatTime(ms)}`;
  const p = chinaParts(ms);
  if (p.year === chinaParts(now).year) return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return formatDateTime(ms);
}

/** `2 天 3 小时`, `3 小时 20 分钟`, `15 分钟`: a duration in the two largest units that matter. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
  return `${Math.max(minutes, abs > 0 ? 1 : 0)} 分钟`;
}

export interface TimeLeft {
  overdue: boolean;
  /** `剩余 2 天 3 小时` or `超期 1 天`. Calendar time: the working calendar stays on the server. */
  text: string;
  /** Signed milliseconds until due (negative when overdue). */
  ms: number;
}

/** Time left until a deadline the server gave, in calendar time. */
export function timeLeft(due: Instant, now: number = Date.now()): TimeLeft | null {
  const ms = toMs(due);
  if (ms === null) return null;
  const left = ms - now;
  if (left >= 0) return { overdue: false, text: `剩余 ${formatDuration(left)}`, ms: left };
  return { overdue: true, text: `超期 ${formatDuration(left)}`, ms: left };
}

/**
 * Which of an assignment's deadlines to show: the sign deadline until it is signed, then the handling
 * deadline; none once its work is finished. The colour is always the server's (`assignment.deadline`).
 */
export function runningDeadline(a: Pick<Assignment, 'status' | 'signDueAt' | 'dueAt'>): {
  kind: 'sign' | 'handle';
  label: string;
  dueAt: string;
} | null {
  if (a.status === 'pending_sign') return { kind: 'sign', label: '签收期限', dueAt: a.signDueAt };
  if (a.status === 'in_progress' || a.status === 'return_requested')
    return { kind: 'handle', label: '办结期限', dueAt: a.dueAt };
  return null;
}

/** The traffic light of a server colour: label (正常/预警/超期), short (绿/黄/红), tag type, hex colour. */
export function light(color: DeadlineColor | string | null | undefined) {
  return LIGHTS[(color ?? 'green') as DeadlineColor] ?? LIGHTS.green;
}

/** The worst light over a ticket's assignments (red > yellow > green), for one dot in a list row. */
export function worstLight(assignments: readonly Pick<Assignment, 'deadline'>[]): DeadlineColor {
  let worst: DeadlineColor = 'green';
  for (const a of assignments) {
    if (a.deadline === 'red') return 'red';
    if (a.deadline === 'yellow') worst = 'yellow';
  }
  return worst;
}

/**
 * Time left as the server counts it (as of when it sent the ticket): working time for a clock in working days or
 * hours (`剩余 1 个工作日 2 小时`, `剩余 45 分钟`, `超期 3 小时 10 分钟`), real time for one in minutes or hours
 * (`剩余 17 分钟`, `剩余 23 小时 59 分钟`), `已超期` past a due time no working minute has passed since
 * (after hours). Null when no clock runs.
 */
export function formatWorkLeft(
  w: { minutes: number; perDay: number; unit?: 'working' | 'wall'; overdue?: boolean } | null | undefined,
): string | null {
  if (!w) return null;
  const overdue = w.overdue ?? w.minutes < 0;
  const abs = Math.abs(Math.round(w.minutes));
  if (overdue && abs === 0) return '已超期';
  let text: string;
  if (w.unit === 'wall') {
    text = formatDuration(abs * MINUTE);
  } else {
    const days = w.perDay > 0 ? Math.floor(abs / w.perDay) : 0;
    const rest = abs - days * w.perDay;
    const hours = Math.floor(rest / 60);
    const minutes = rest % 60;
    if (days > 0) text = hours > 0 ? `${days} 个工作日 ${hours} 小时` : `${days} 个工作日`;
    else if (hours > 0) text = minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
    else text = `${minutes} 分钟`;
  }
  return `${overdue ? '超期' : '剩余'} ${text}`;
}

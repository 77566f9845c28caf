// The dispatch preview (`GET /api/tickets/{no}/dispatch-preview`) as the dialog shows it. Pure: no Vue, no DOM.
// The server computes every time with its working calendar (and keeps a Yantai order's clocks inside
// Yantai's due); the console only formats them, in China time, and says when they are too old to trust.
import { chinaParts, formatDateTime, formatTime } from '../../lib/time.js';

/** `GET /api/tickets/{no}/dispatch-preview` (mirror of server/tickets/tickets.routes.ts). */
export interface DispatchPreview {
  /** When the server computed it (a dispatch made at this moment). */
  at: string;
  signDueAt: string;
  signYellowAt: string;
  dueAt: string;
  yellowAt: string;
  returnDueAt: string;
  /** Yantai's own due of an upstream order, else null. */
  upstreamDueAt: string | null;
}

/** A preview older than this is fetched again while the dialog stays open. */
export const PREVIEW_MAX_AGE_MS = 60_000;

/** True when there is no preview yet, or the one there was fetched at least `maxAgeMs` ago. */
export function previewStale(loadedAt: number | null, now: number, maxAgeMs = PREVIEW_MAX_AGE_MS): boolean {
  return loadedAt === null || now - loadedAt >= maxAgeMs;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `2026-11-30 17:30 周一`, in China time (the weekday matters where deadlines count working days). */
export function formatDue(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return '—';
  const p = chinaParts(ms);
  const weekday = WEEKDAYS[new Date(Date.UTC(+p.year, +p.month - 1, +p.day)).getUTCDay()];
  return `${formatDateTime(ms)} ${weekday}`;
}

/** `11-30 15:30`, or `15:30` on the same China day as `ref`. */
function shortBeside(at: string, ref: string): string {
  const a = Date.parse(at);
  const r = Date.parse(ref);
  if (Number.isNaN(a)) return '—';
  const p = chinaParts(a);
  const q = Number.isNaN(r) ? null : chinaParts(r);
  const sameDay = q !== null && p.year === q.year && p.month === q.month && p.day === q.day;
  return sameDay ? formatTime(a) : `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export type PreviewKey = 'sign-due' | 'due' | 'return-due' | 'upstream-due';

export interface PreviewRow {
  /** `data-test="dispatch-preview-<key>"` on the time. */
  key: PreviewKey;
  label: string;
  at: string;
  text: string;
  note: string | null;
}

/** The rows of the preview: sign and handle deadlines with their yellow cards, the return window, Yantai's due. */
export function previewRows(p: DispatchPreview): PreviewRow[] {
  const rows: PreviewRow[] = [
    {
      key: 'sign-due',
      label: '签收期限',
      at: p.signDueAt,
      text: formatDue(p.signDueAt),
      note: `${shortBeside(p.signYellowAt, p.signDueAt)} 起预警`,
    },
    {
      key: 'due',
      label: '办结期限',
      at: p.dueAt,
      text: formatDue(p.dueAt),
      note: `${shortBeside(p.yellowAt, p.dueAt)} 起预警`,
    },
    {
      key: 'return-due',
      label: '退单期限',
      at: p.returnDueAt,
      text: formatDue(p.returnDueAt),
      note: '此前承办单位可申请退单',
    },
  ];
  if (p.upstreamDueAt !== null) {
    rows.push({
      key: 'upstream-due',
      label: '市平台办结时限',
      at: p.upstreamDueAt,
      text: formatDue(p.upstreamDueAt),
      note: '本区各项期限不晚于此',
    });
  }
  return rows;
}

/** The preview's caption: `按 14:05 派单计算` (the time the server computed it, China time). */
export function previewCaption(p: DispatchPreview): string {
  return `按 ${formatTime(p.at)} 派单计算`;
}

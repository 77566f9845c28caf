// The department inbox (承办) without Vue: which of a ticket's assignments is "ours", which tab a row is in,
// the order of the list, filters and counts, loading every page, and forms turned into request bodies.
// Colours and due times are always the server's; nothing here computes a deadline.
import type { SupervisionItem } from '../../api/supervision.js';
import type {
  ActionBodies,
  Assignment,
  AssignmentStatus,
  DeadlineColor,
  Department,
  Ticket,
  TicketEvent,
} from '../../api/types.js';
import { formatDateTime } from '../../lib/time.js';

/** Ticket statuses the inbox loads: dispatched to us, being handled, return asked, reply awaiting approval. */
export const INBOX_STATUSES = ['dispatched', 'in_progress', 'return_requested', 'replied'] as const;

/** Tabs of the inbox, by the state of our own assignment. */
export type Bucket = 'sign' | 'handle' | 'return' | 'replied';
export type BucketFilter = 'open' | 'all' | Bucket;

export const BUCKET_LABELS: Record<Bucket, string> = {
  sign: '待签收',
  handle: '办理中',
  return: '退单审核中',
  replied: '已回复',
};

const OPEN_ASSIGNMENT: readonly AssignmentStatus[] = ['pending_sign', 'in_progress', 'return_requested'];
const GONE_ASSIGNMENT: readonly AssignmentStatus[] = ['returned', 'cancelled'];

/**
 * Our department's assignment on a ticket: an open one if there is one (a village's child assignment for a
 * village, the town's own for the town), else the newest one still standing; null when we have none.
 */
export function myAssignment(
  ticket: Pick<Ticket, 'assignments'>,
  departmentId: number | null,
): Assignment | null {
  if (departmentId === null) return null;
  let open: Assignment | null = null;
  let other: Assignment | null = null;
  for (const a of ticket.assignments) {
    if (a.departmentId !== departmentId) continue;
    if (OPEN_ASSIGNMENT.includes(a.status)) {
      if (!open || a.id > open.id) open = a;
    } else if (!GONE_ASSIGNMENT.includes(a.status)) {
      if (!other || a.id > other.id) other = a;
    }
  }
  return open ?? other;
}

function bucketOfAssignment(a: Assignment | null): Bucket | null {
  switch (a?.status) {
    case 'pending_sign':
      return 'sign';
    case 'in_progress':
      return 'handle';
    case 'return_requested':
      return 'return';
    case 'replied':
    case 'closed':
      return 'replied';
    default:
      return null;
  }
}

/** What a row needs from our assignment, worked out once per ticket snapshot (see `rowInfo`). */
export interface RowInfo {
  assignment: Assignment | null;
  bucket: Bucket | null;
  /** The server's colour of our running clock. */
  color: DeadlineColor;
  /** The running due time (sign, then handle); null once our work is done. */
  dueAt: string | null;
  dueMs: number;
  /** 签收 / 办结 / ''. */
  label: string;
}

// Tickets are immutable snapshots (a live event brings a new object), so what is derived from one can be
// kept beside it: sorting, filtering and counting 1,000 rows then reads fields instead of scanning assignments.
const infoCache = new WeakMap<object, { departmentId: number | null; info: RowInfo }>();

/** Our assignment, its tab and its running deadline, cached per ticket object. */
export function rowInfo(ticket: Pick<Ticket, 'assignments'>, departmentId: number | null): RowInfo {
  const hit = infoCache.get(ticket);
  if (hit && hit.departmentId === departmentId) return hit.info;
  const a = myAssignment(ticket, departmentId);
  let dueAt: string | null = null;
  let label = '';
  if (a?.status === 'pending_sign') {
    dueAt = a.signDueAt;
    label = '签收';
  } else if (a?.status === 'in_progress' || a?.status === 'return_requested') {
    dueAt = a.dueAt;
    label = '办结';
  }
  const parsed = dueAt ? Date.parse(dueAt) : Number.NaN;
  const info: RowInfo = {
    assignment: a,
    bucket: bucketOfAssignment(a),
    color: a?.deadline ?? 'green',
    dueAt,
    dueMs: Number.isFinite(parsed) ? parsed : Number.POSITIVE_INFINITY,
    label,
  };
  infoCache.set(ticket, { departmentId, info });
  return info;
}

/** The tab of a row by our assignment's state; null when the ticket does not belong in our inbox. */
export function bucketOf(ticket: Pick<Ticket, 'assignments'>, departmentId: number | null): Bucket | null {
  return rowInfo(ticket, departmentId).bucket;
}

/** Does a ticket (from the list or a live event) belong in our inbox? */
export function inInbox(
  ticket: Pick<Ticket, 'status' | 'assignments'>,
  departmentId: number | null,
): boolean {
  return (
    (INBOX_STATUSES as readonly string[]).includes(ticket.status) && bucketOf(ticket, departmentId) !== null
  );
}

/** The deadline a row shows: our assignment's running clock (sign, then handle) and the server's colour. */
export function rowDeadline(
  ticket: Pick<Ticket, 'assignments'>,
  departmentId: number | null,
): { color: DeadlineColor; dueAt: string | null; label: string } {
  const { color, dueAt, label } = rowInfo(ticket, departmentId);
  return { color, dueAt, label };
}

const BUCKET_RANK: Record<Bucket, number> = { sign: 0, handle: 1, return: 2, replied: 3 };
const LIGHT_RANK: Record<DeadlineColor, number> = { red: 0, yellow: 1, green: 2 };

/**
 * Order of the inbox: work still to do before work done (待签收, 办理中, 退单审核中, 已回复), then red before
 * yellow before green, then the earliest due first, then the newest ticket number.
 */
export function compareInbox(departmentId: number | null): (a: Ticket, b: Ticket) => number {
  return (x, y) => {
    const ix = rowInfo(x, departmentId);
    const iy = rowInfo(y, departmentId);
    const rank =
      (ix.bucket === null ? 9 : BUCKET_RANK[ix.bucket]) - (iy.bucket === null ? 9 : BUCKET_RANK[iy.bucket]);
    if (rank !== 0) return rank;
    const light = LIGHT_RANK[ix.color] - LIGHT_RANK[iy.color];
    if (light !== 0) return light;
    if (ix.dueMs !== iy.dueMs) return ix.dueMs < iy.dueMs ? -1 : 1;
    return x.no < y.no ? 1 : x.no > y.no ? -1 : 0;
  };
}

export interface InboxFilter {
  bucket: BucketFilter;
  /** A light, or '' for every light. */
  deadline: DeadlineColor | '';
  /** Free text on number, title, address, town and caller as sent. */
  q: string;
}

function textMatches(t: Ticket, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [t.no, t.title, t.address, t.town, t.caller.name, t.caller.phone, t.upstreamOrderNo].some(
    (v) => v?.toLowerCase().includes(needle) === true,
  );
}

/** The rows shown under a filter, in the list's order. */
export function filterInbox(items: readonly Ticket[], departmentId: number | null, f: InboxFilter): Ticket[] {
  const q = f.q.trim();
  return items.filter((t) => {
    const { bucket: b, color } = rowInfo(t, departmentId);
    if (b === null) return false;
    if (f.bucket === 'open' && b === 'replied') return false;
    if (f.bucket !== 'open' && f.bucket !== 'all' && f.bucket !== b) return false;
    if (f.deadline && color !== f.deadline) return false;
    return textMatches(t, q);
  });
}

export interface InboxCounts {
  open: number;
  all: number;
  sign: number;
  handle: number;
  return: number;
  replied: number;
  yellow: number;
  red: number;
}

/** Counts for the tabs and lights, in one pass (yellow/red count open work only). */
export function countInbox(items: readonly Ticket[], departmentId: number | null): InboxCounts {
  const c: InboxCounts = { open: 0, all: 0, sign: 0, handle: 0, return: 0, replied: 0, yellow: 0, red: 0 };
  for (const t of items) {
    const { bucket: b, color } = rowInfo(t, departmentId);
    if (b === null) continue;
    c.all += 1;
    c[b] += 1;
    if (b === 'replied') continue;
    c.open += 1;
    if (color === 'yellow') c.yellow += 1;
    else if (color === 'red') c.red += 1;
  }
  return c;
}

/** A tab of the inbox: a bucket of our work, or the 督办单 list. */
export type InboxTab = BucketFilter | 'supervision';

/** The tabs above the list, with their counts (督办单: those still to answer). */
export function inboxTabs(
  counts: InboxCounts,
  openItems: number,
): { value: InboxTab; label: string; count: number }[] {
  return [
    { value: 'open', label: '全部待办', count: counts.open },
    { value: 'sign', label: BUCKET_LABELS.sign, count: counts.sign },
    { value: 'handle', label: BUCKET_LABELS.handle, count: counts.handle },
    { value: 'return', label: BUCKET_LABELS.return, count: counts.return },
    { value: 'replied', label: '已回复待审核', count: counts.replied },
    { value: 'supervision', label: '督办单', count: openItems },
  ];
}

/** What an empty list says: nothing matches the filter, or nothing to do at all. */
export function inboxEmptyText(f: { bucket: InboxTab; deadline: DeadlineColor | ''; q: string }): string {
  return f.q || f.deadline || f.bucket !== 'open' ? '没有符合条件的工单' : '暂无待办工单';
}

/** An urge a department answers by working faster: a supervisor's 催办, or the caller's own (市民来电催办). */
export const isUrge = (action: string): boolean => action === 'urge' || action === 'caller_urge';

/** 催办 (the supervisor's and the caller's) and 督办 on a ticket's history, newest first. */
export function urgesOf(events: readonly TicketEvent[] | undefined): TicketEvent[] {
  return (events ?? [])
    .filter((e) => isUrge(e.action) || e.action === 'supervise')
    .sort((a, b) => b.seq - a.seq);
}

/** The villages of a town (for 下派), enabled ones, by name order as the directory gives them. */
export function villagesOf(departments: readonly Department[], townId: number | null): Department[] {
  if (townId === null) return [];
  return departments.filter((d) => d.parentId === townId && d.level === 'village' && !d.disabled);
}

/** Actions this view offers a button for, in the order of the toolbar. */
export const INBOX_ACTIONS = [
  'sign',
  'request_return',
  'request_extension',
  'pass_down',
  'reply',
  'report_progress',
] as const;
export type InboxAction = (typeof INBOX_ACTIONS)[number];

/** The buttons to show: the server's `allowedActions` that this view knows, in toolbar order. */
export function offeredActions(allowed: readonly string[] | undefined): InboxAction[] {
  const set = new Set(allowed ?? []);
  return INBOX_ACTIONS.filter((a) => set.has(a));
}

/** The reply form: `solved` has no default, the handler must choose. */
export interface ReplyForm {
  publicReply: string;
  internalNotes: string;
  solved: boolean | undefined;
}

export function replyBody(f: ReplyForm): ActionBodies['reply'] {
  const notes = f.internalNotes.trim();
  return {
    publicReply: f.publicReply.trim(),
    ...(notes ? { internalNotes: notes } : {}),
    solved: f.solved === true,
  };
}

export function reasonBody(f: { reason: string }): { reason: string } {
  return { reason: f.reason.trim() };
}

export function extensionBody(f: { days: number; reason: string }): ActionBodies['request_extension'] {
  return { days: Math.round(f.days), reason: f.reason.trim() };
}

export function passDownBody(f: { departmentId: number | null }): ActionBodies['pass_down'] {
  return { departmentId: f.departmentId ?? 0 };
}

/** A 督办单 as `GET /api/supervision/items` answers it (one type for the inbox and the supervisors' views). */
export type { SupervisionItem };

export const SUPERVISION_KIND_LABELS: Record<SupervisionItem['kind'], string> = {
  overdue: '超期督办',
  supervise: '督办',
};

/** What the tag of an item adds to its kind once it is no longer open. */
export const ITEM_STATE_SUFFIX: Record<SupervisionItem['status'], string> = {
  open: '',
  answered: ' · 已答复',
  withdrawn: ' · 已撤销',
};

/** What became of an item no longer open: who answered, when and what; or when and why it was withdrawn. */
export function itemOutcome(item: SupervisionItem): string {
  const at = item.respondedAt ? formatDateTime(item.respondedAt) : '';
  if (item.status === 'withdrawn') return `${at} 撤销：${item.response ?? ''}`;
  return `${item.respondedBy ?? ''} 于 ${at} 答复：${item.response ?? ''}`;
}

/**
 * Whether the item's ticket can be opened from it: not once it is withdrawn, because the department no longer
 * handles that ticket (its return was approved, or the ticket was recalled or merged) and may not read it.
 */
export const opensTicket = (item: SupervisionItem): boolean => item.status !== 'withdrawn';

/** Open items first (earliest answer due first), then answered and withdrawn ones newest first. */
export function sortItems(items: readonly SupervisionItem[]): SupervisionItem[] {
  return [...items].sort((a, b) => {
    const aOpen = a.status === 'open';
    if (aOpen !== (b.status === 'open')) return aOpen ? -1 : 1;
    if (aOpen)
      return a.responseDueAt < b.responseDueAt ? -1 : a.responseDueAt > b.responseDueAt ? 1 : a.id - b.id;
    return a.id < b.id ? 1 : -1;
  });
}

/** 督办单 by ticket number, each ticket's in the order given. */
export function itemsByTicket(items: readonly SupervisionItem[]): Map<string, SupervisionItem[]> {
  const map = new Map<string, SupervisionItem[]>();
  for (const i of items) map.set(i.ticketNo, [...(map.get(i.ticketNo) ?? []), i]);
  return map;
}

/** The list with an item just answered in place of its old self, sorted again. */
export function replaceItem(items: readonly SupervisionItem[], answered: SupervisionItem): SupervisionItem[] {
  return sortItems(items.map((i) => (i.id === answered.id ? answered : i)));
}

/**
 * Does a live event change our 督办单? A new one comes with a `red` card or a `supervise`; open ones are
 * withdrawn when the ticket leaves us (our return approved, the ticket recalled or merged).
 */
export const touchesSupervision = (action: string): boolean =>
  ['red', 'supervise', 'approve_return', 'recall', 'merge'].includes(action);

/**
 * The rows a virtual list renders: those in the viewport plus `overscan` on each side, as [start, end).
 * Fixed row height; a scroll position past the end (the list just shrank) shows the last rows.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const inView = Math.max(1, Math.ceil(Math.max(0, viewportHeight) / rowHeight));
  const first = Math.min(
    Math.max(0, Math.floor(Math.max(0, scrollTop) / rowHeight)),
    Math.max(0, count - inView),
  );
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + inView + 1 + overscan) };
}

// 工单查询: the search form as the user fills it, and the `GET /api/tickets` query it makes. Pure, for tests.
import type { AppealType, TicketQuery, TicketStatus, Urgency } from '../../api/types.js';
import { APPEAL_TYPES, URGENCIES } from '../../lib/labels.js';
import { DESK_LINES } from '../desk/desk.js';

/** The hotline lines (受理线路) the search offers: the centre's, as the desk registers on them. */
export const SEARCH_LINES = DESK_LINES;

export interface SearchForm {
  /** Words in the title or the appeal. */
  q: string;
  /** The caller's number, as typed (spaces and dashes allowed). */
  phone: string;
  statuses: TicketStatus[];
  appealType: AppealType | '';
  urgency: Urgency | '';
  /** The hotline line it was taken on (受理线路); empty for every line, and for tickets without one. */
  line: string;
  deadline: 'yellow' | 'red' | '';
  /** Registration dates, `YYYY-MM-DD` both inclusive; empty for no bound. */
  from: string;
  to: string;
}

export const emptySearch = (): SearchForm => ({
  q: '',
  phone: '',
  statuses: [],
  appealType: '',
  urgency: '',
  line: '',
  deadline: '',
  from: '',
  to: '',
});

/** What the form asks the server, one page of it; empty fields ask nothing. */
export function searchQuery(f: SearchForm, page: number, pageSize: number): TicketQuery {
  const query: TicketQuery = { page, pageSize, sort: 'newest' };
  const q = f.q.trim().replace(/\s+/g, ' ');
  if (q) query.q = q.slice(0, 100);
  const phone = f.phone.replace(/[\s-]/g, '');
  if (phone) query.phone = phone;
  if (f.statuses.length) query.status = f.statuses.join(',');
  if (f.appealType) query.appealType = f.appealType;
  if (f.urgency) query.urgency = f.urgency;
  if (f.line) query.line = f.line;
  if (f.deadline) query.deadline = f.deadline;
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  return query;
}

/** The statuses the status filter offers, grouped as staff think of them. */
export const STATUS_GROUPS: { label: string; statuses: TicketStatus[] }[] = [
  {
    label: '在办',
    statuses: ['registered', 'pending_dispatch', 'dispatched', 'in_progress', 'return_requested'],
  },
  { label: '待审核与回访', statuses: ['replied', 'pending_revisit', 'awaiting_upstream'] },
  { label: '已结束', statuses: ['closed', 'merged', 'cancelled', 'returned_upstream'] },
];

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
const pick = <T extends string>(v: string, allowed: readonly T[]): T | '' =>
  (allowed as readonly string[]).includes(v) ? (v as T) : '';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The form and page kept in the address (`/search?q=…&page=2`), so that coming back from a ticket shows the same
 * results; anything unknown in it is dropped.
 */
export function searchFromRoute(query: Record<string, unknown>): { form: SearchForm; page: number } {
  const known = STATUS_GROUPS.flatMap((g) => g.statuses);
  const page = Number.parseInt(one(query.page), 10);
  return {
    form: {
      q: one(query.q),
      phone: one(query.phone),
      statuses: one(query.status)
        .split(',')
        .filter((s): s is TicketStatus => (known as string[]).includes(s)),
      appealType: pick(one(query.appealType), APPEAL_TYPES),
      urgency: pick(one(query.urgency), URGENCIES),
      line: pick(one(query.line), SEARCH_LINES),
      deadline: pick(one(query.deadline), ['yellow', 'red'] as const),
      from: DATE.test(one(query.from)) ? one(query.from) : '',
      to: DATE.test(one(query.to)) ? one(query.to) : '',
    },
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

/** The address of a search: its query without the page size and sort (those are the view's). */
export function routeOfSearch(f: SearchForm, page: number): Record<string, string> {
  const { pageSize: _size, sort: _sort, ...rest } = searchQuery(f, page, 1);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest))
    if (v !== undefined && !(k === 'page' && v === 1)) out[k] = String(v);
  return out;
}

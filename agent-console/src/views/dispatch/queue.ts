// The dispatcher's queue, as pure functions: which tickets are in which tab, their order (urgent first,
// then oldest), the client-side search, the department choices, and the dispatch body. No Vue, no DOM.
import type {
  ActionBodies,
  Department,
  Ticket,
  TicketAction,
  TicketPage,
  TicketQuery,
} from '../../api/types.js';
import { loadAllPages } from '../../lib/pages.js';

export type QueueTab = 'pending' | 'returns';

/** The statuses each tab lists (`GET /api/tickets?status=`). */
export const TAB_STATUS: Record<QueueTab, Ticket['status']> = {
  pending: 'pending_dispatch',
  returns: 'return_requested',
};

export const inTab =
  (tab: QueueTab) =>
  (t: Pick<Ticket, 'status'>): boolean =>
    t.status === TAB_STATUS[tab];

const urgentFirst = (a: Pick<Ticket, 'urgency'>, b: Pick<Ticket, 'urgency'>): number =>
  (a.urgency === 'urgent' ? 0 : 1) - (b.urgency === 'urgent' ? 0 : 1);

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Waiting for dispatch: urgent first, then the oldest registration first (ties by number). */
export function comparePending(a: Ticket, b: Ticket): number {
  return urgentFirst(a, b) || cmp(a.createdAt, b.createdAt) || cmp(a.no, b.no);
}

/** Returns to decide: urgent first, then the one waiting longest (last change first) first. */
export function compareReturns(a: Ticket, b: Ticket): number {
  return urgentFirst(a, b) || cmp(a.updatedAt, b.updatedAt) || cmp(a.no, b.no);
}

export const COMPARE: Record<QueueTab, (a: Ticket, b: Ticket) => number> = {
  pending: comparePending,
  returns: compareReturns,
};

export type QueueKind = 'all' | 'urgent' | 'upstream' | 'local';

/** The client-side filter over the loaded queue: kind, and free text over number, title, address, town, caller. */
export function filterQueue(items: readonly Ticket[], kind: QueueKind, text: string): Ticket[] {
  const needle = text.trim().toLowerCase();
  return items.filter((t) => {
    if (kind === 'urgent' && t.urgency !== 'urgent') return false;
    if (kind === 'upstream' && t.upstreamOrderNo === null) return false;
    if (kind === 'local' && t.upstreamOrderNo !== null) return false;
    if (!needle) return true;
    return [t.no, t.title, t.address, t.town, t.caller.phone, t.caller.name, t.upstreamOrderNo]
      .filter((s): s is string => typeof s === 'string')
      .some((s) => s.toLowerCase().includes(needle));
  });
}

/** Departments a ticket may be dispatched to: city departments and towns/streets, enabled, grouped. */
export function dispatchTargets(
  departments: readonly Department[],
): { label: string; options: Department[] }[] {
  const enabled = departments.filter((d) => !d.disabled);
  const byName = (a: Department, b: Department) => a.id - b.id;
  return [
    { label: '区直部门', options: enabled.filter((d) => d.level === 'city').sort(byName) },
    { label: '镇街', options: enabled.filter((d) => d.level === 'town').sort(byName) },
  ].filter((g) => g.options.length > 0);
}

/** The town/street department named like the ticket's 所属镇街, offered as a quick choice of lead. */
export function suggestedLead(
  ticket: Pick<Ticket, 'town'>,
  departments: readonly Department[],
): Department | null {
  const town = ticket.town?.trim();
  if (!town) return null;
  const towns = departments.filter((d) => d.level === 'town' && !d.disabled);
  return (
    towns.find((d) => d.name === town) ??
    towns.find((d) => town.includes(d.name) || d.name.includes(town)) ??
    null
  );
}

/** The dialog's form as the dispatch body: the lead, and assists without the lead or duplicates (omitted when none). */
export function dispatchBody(form: {
  lead: number | null | undefined;
  assists?: readonly number[];
}): ActionBodies['dispatch'] {
  const lead = form.lead ?? 0;
  const assists = [...new Set(form.assists ?? [])].filter((id) => id !== lead);
  return assists.length > 0 ? { lead, assists } : { lead };
}

/** The merge target as typed: trimmed, upper case (`pl2026…` → `PL2026…`). */
export function mergeBody(form: { into: string }): ActionBodies['merge'] {
  return { into: form.into.trim().toUpperCase() };
}

/** The return waiting for a decision: the lead assignment that asked, and the reason from the history. */
export function pendingReturn(
  ticket: Pick<Ticket, 'assignments' | 'events'>,
): { departmentId: number; reason: string | null; at: string | null; actor: string | null } | null {
  const a = ticket.assignments.find(
    (x) => x.status === 'return_requested' && x.role === 'lead' && x.parentId === null,
  );
  if (!a) return null;
  const asked = [...(ticket.events ?? [])]
    .reverse()
    .find(
      (e) => e.action === 'request_return' && (e.departmentId === null || e.departmentId === a.departmentId),
    );
  return {
    departmentId: a.departmentId,
    reason: asked?.note ?? null,
    at: asked?.at ?? null,
    actor: asked?.actor ?? null,
  };
}

/** Yantai's own sign and due times of an upstream order (null on local tickets, or when Yantai gave none). */
export function upstreamDeadlines(ticket: Partial<Pick<Ticket, 'upstreamSignDueAt' | 'upstreamDueAt'>>): {
  signDueAt: string | null;
  dueAt: string | null;
} {
  return { signDueAt: ticket.upstreamSignDueAt ?? null, dueAt: ticket.upstreamDueAt ?? null };
}

/**
 * Whether to offer a button: only what the server's state machine lets this user do now (`allowedActions`,
 * e.g. no 签收 once a Yantai order is accepted). No rule of the browser's own; absent means none.
 */
export function offers(ticket: Pick<Ticket, 'allowedActions'>, action: TicketAction): boolean {
  return (ticket.allowedActions ?? []).includes(action);
}

/** The lead and assists of a dispatched ticket with their sign and due times (as the server computed them). */
export function dispatchedClocks(
  ticket: Pick<Ticket, 'assignments'>,
): { departmentId: number; role: string; signDueAt: string; dueAt: string }[] {
  const live = ticket.assignments.filter((a) => a.parentId === null && a.status === 'pending_sign');
  return live
    .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1))
    .map((a) => ({ departmentId: a.departmentId, role: a.role, signDueAt: a.signDueAt, dueAt: a.dueAt }));
}

export type PageLoader = (query: TicketQuery) => Promise<TicketPage>;

/**
 * Loads a whole queue oldest first (`sort=oldest`, at most 200 a page): every page when the queue is at most
 * `maxPages` pages, else its oldest `maxPages` pages plus the oldest `maxPages` pages of its urgent tickets,
 * since the dispatcher works urgent first, then oldest. Rows are deduplicated by number (pages may shift).
 */
export async function loadQueue(
  load: PageLoader,
  query: TicketQuery,
  opts: { pageSize?: number; maxPages?: number } = {},
): Promise<TicketPage & { truncated: boolean }> {
  const pageSize = opts.pageSize ?? 200;
  const maxPages = Math.max(1, opts.maxPages ?? 5);
  const oldestFirst = (q: TicketQuery) =>
    loadAllPages((page, size) => load({ ...q, sort: 'oldest', page, pageSize: size }), {
      pageSize,
      maxPages,
    });
  const all = await oldestFirst(query);
  const truncated = all.total > maxPages * pageSize;
  const urgent = truncated ? (await oldestFirst({ ...query, urgency: 'urgent' })).items : [];
  const seen = new Map<string, Ticket>();
  for (const t of [...urgent, ...all.items]) if (!seen.has(t.no)) seen.set(t.no, t);
  return { items: [...seen.values()], total: all.total, page: 1, pageSize, truncated };
}

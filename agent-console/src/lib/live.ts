// The pure half of live push: sequence bookkeeping (dedup, replay, reload) and applying a
// `ticket:event` to a list of ticket summaries. No Vue, no DOM, no socket: unit-tested in node.
import type { LiveTicketEvent, Ticket } from '../api/types.js';

/** Where a console stands in the stream: the highest `seq` seen, and whether replay is done. */
export interface SyncState {
  lastSeq: number;
  phase: 'offline' | 'replaying' | 'live';
}

export type SyncInput =
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'event'; seq: number }
  | { type: 'ready'; lastSeq: number }
  | { type: 'reload'; latestSeq: number };

export interface SyncStep {
  state: SyncState;
  /** Hand this event to subscribers (false: a duplicate or older than what was seen). */
  deliver: boolean;
  /** The views must reload from the REST API (the server could not replay everything missed). */
  reload: boolean;
}

export const initialSync = (lastSeq = 0): SyncState => ({ lastSeq, phase: 'offline' });

/**
 * One step of the sequence bookkeeping. Events arrive in `seq` order (replay first, then live);
 * an event at or below `lastSeq` was already applied and is dropped, so a replay after a reconnect
 * never applies anything twice. `sync:ready` may move `lastSeq` forward (events this user may not
 * see still advance the global counter); `sync:reload` jumps to the server's latest.
 */
export function stepSync(state: SyncState, input: SyncInput): SyncStep {
  switch (input.type) {
    case 'connect':
      return { state: { ...state, phase: 'replaying' }, deliver: false, reload: false };
    case 'disconnect':
      return { state: { ...state, phase: 'offline' }, deliver: false, reload: false };
    case 'event':
      if (input.seq <= state.lastSeq) return { state, deliver: false, reload: false };
      return { state: { ...state, lastSeq: input.seq }, deliver: true, reload: false };
    case 'ready':
      return {
        state: { lastSeq: Math.max(state.lastSeq, input.lastSeq), phase: 'live' },
        deliver: false,
        reload: false,
      };
    case 'reload':
      return {
        state: { lastSeq: Math.max(state.lastSeq, input.latestSeq), phase: state.phase },
        deliver: false,
        reload: true,
      };
  }
}

/** Newest change first (the default order of a live list). */
export const byUpdatedDesc = (a: Ticket, b: Ticket): number =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.no < b.no ? 1 : -1;

/** Newest registration first. */
export const byCreatedDesc = (a: Ticket, b: Ticket): number =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.no < b.no ? 1 : -1;

export interface ListOptions {
  /** Does the ticket belong in this list (the view's filter: status, department…)? Default: yes. */
  matches?: (ticket: Ticket) => boolean;
  /** Order of the list; default newest change first. */
  compare?: (a: Ticket, b: Ticket) => number;
  /** Keep at most this many rows (a page). */
  limit?: number;
}

export type ListChange = 'added' | 'updated' | 'removed' | 'ignored';

/**
 * Applies a live event to a list of ticket summaries and returns a new list: replaces the ticket
 * when present and still matching, removes it when it no longer matches, inserts it in order when it
 * newly matches. A ticket older than the one held (by `updatedAt`) is ignored, so a late or replayed
 * event never rolls a row back.
 */
export function applyEvent(
  items: readonly Ticket[],
  event: Pick<LiveTicketEvent, 'ticket'>,
  opts: ListOptions = {},
): { items: Ticket[]; change: ListChange } {
  const { matches = () => true, compare = byUpdatedDesc, limit } = opts;
  const incoming = event.ticket;
  const index = items.findIndex((t) => t.no === incoming.no);
  const current = index >= 0 ? items[index] : undefined;
  if (current && current.updatedAt > incoming.updatedAt) return { items: [...items], change: 'ignored' };
  const keep = matches(incoming);
  if (!current && !keep) return { items: [...items], change: 'ignored' };
  const rest = index >= 0 ? [...items.slice(0, index), ...items.slice(index + 1)] : [...items];
  if (!keep) return { items: rest, change: 'removed' };
  const at = rest.findIndex((t) => compare(incoming, t) < 0);
  rest.splice(at < 0 ? rest.length : at, 0, incoming);
  return {
    items: limit !== undefined ? rest.slice(0, limit) : rest,
    change: current ? 'updated' : 'added',
  };
}

/** Applies several events in order (e.g. those buffered while a list was loading). */
export function applyEvents(
  items: readonly Ticket[],
  events: readonly Pick<LiveTicketEvent, 'ticket'>[],
  opts: ListOptions = {},
): Ticket[] {
  let out = [...items];
  for (const e of events) out = applyEvent(out, e, opts).items;
  return out;
}

/** Merges a live summary into a ticket detail, keeping the detail-only parts (history, call ids, merged tickets). */
export function mergeDetail(detail: Ticket, event: Pick<LiveTicketEvent, 'ticket'>): Ticket {
  if (event.ticket.no !== detail.no || event.ticket.updatedAt < detail.updatedAt) return detail;
  return {
    ...detail,
    ...event.ticket,
    events: detail.events,
    callIds: detail.callIds ?? event.ticket.callIds,
    mergedFrom: detail.mergedFrom,
  };
}

/** Does this event bring a new ticket into a department's inbox (dispatched or passed down to it)? */
export function isInboxArrival(
  event: Pick<LiveTicketEvent, 'action' | 'ticket'>,
  departmentId: number | null,
): boolean {
  if (departmentId === null) return false;
  if (event.action !== 'dispatch' && event.action !== 'pass_down') return false;
  return event.ticket.assignments.some((a) => a.departmentId === departmentId && a.status === 'pending_sign');
}

/**
 * The card an event raised on Yantai's receipt clock of an order waiting for our 签收 (the scanner's yellow or
 * red on a `pending_dispatch` order: no department holds it yet), or null for any other event.
 */
export function orderSignAlert(event: Pick<LiveTicketEvent, 'action' | 'ticket'>): 'yellow' | 'red' | null {
  if (event.action !== 'yellow' && event.action !== 'red') return null;
  return event.ticket.upstreamSignDeadline === event.action ? event.action : null;
}

/** At most this many receipt-clock alerts are shown each; more that come together are one summary. */
export const MAX_SEPARATE_ALERTS = 2;

/**
 * What to show of the receipt-clock alerts that came together: each order's latest card only (a yellow then a
 * red of one order is its red), shown each when they are few, else counted.
 */
export function alertBatch<T extends { no: string }>(
  alerts: readonly { card: 'yellow' | 'red'; ticket: T }[],
):
  | { kind: 'each'; alerts: { card: 'yellow' | 'red'; ticket: T }[] }
  | { kind: 'summary'; red: number; yellow: number } {
  const latest = new Map<string, { card: 'yellow' | 'red'; ticket: T }>();
  for (const a of alerts) {
    latest.delete(a.ticket.no);
    latest.set(a.ticket.no, a);
  }
  const kept = [...latest.values()];
  if (kept.length <= MAX_SEPARATE_ALERTS) return { kind: 'each', alerts: kept };
  const red = kept.filter((a) => a.card === 'red').length;
  return { kind: 'summary', red, yellow: kept.length - red };
}

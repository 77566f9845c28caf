// The clocks of a ticket that no department holds, and their yellow and red cards (DESIGN §3: yellow 1 working
// day before due, or at 75 % of a short clock; red past due):
// - Yantai's receipt clock: an order it transfers down must be accepted (签收) by its `signDueAt`. Nothing of
//   ours can move that time, and until accepted the order waits in our dispatch queue.
// - The revisit clock (回访): an approved reply, or a direct answer sampled for a revisit, waits for the centre's
//   revisit until `revisitDueAt`.
// A red card on either raises no 督办单 (that is a department's); it reaches the centre's staff. Pure: the
// scanner, the ticket view and the tests share it.
import type { WorkingCalendar } from '../sla/calendar.js';
import { DEFAULT_YELLOW_RATIO, type DeadlineColor, deadlineColor } from '../sla/deadlines.js';
import type { TicketRow } from './tickets.repo.js';

/** What `data.clock` of a yellow or red event on a ticket's own clock says. */
export type TicketClockKind = 'upstream_sign' | 'revisit';

export interface TicketClock {
  kind: TicketClockKind;
  yellowAt: number;
  dueAt: number;
  /**
   * When this run of the clock started, as far as its cards go: an order's arrival, so that an order sent again
   * with the same `signDueAt` gets its cards again; 0 for the revisit clock (each approval gives a new due).
   */
  since: number;
}

/** What tells one run of a clock from another: a card raised under another key is not this run's. */
export const clockKey = (c: TicketClock): string => `${c.kind}:${c.dueAt}:${c.since}`;

export type TicketClockFields = Pick<
  TicketRow,
  | 'status'
  | 'acceptedAt'
  | 'upstreamSignDueAt'
  | 'upstreamReceivedAt'
  | 'createdAt'
  | 'revisitDueAt'
  | 'revisitYellowAt'
>;

/**
 * Yantai's receipt clock of an order, while it runs: the order waits in the dispatch queue, not yet accepted. It
 * runs from the order's arrival (or Yantai's latest transfer of it again) to Yantai's `signDueAt`. Yantai's
 * `signDueAt` comes with no unit, so its yellow is placed from the time between: 1 working day before due when
 * more than a working day of working time lies between; otherwise at 75 % of the working time between, or of
 * the wall-clock time when none of it is working time (an urgent order at night).
 */
export function orderSignClock(
  t: Pick<
    TicketClockFields,
    'status' | 'acceptedAt' | 'upstreamSignDueAt' | 'upstreamReceivedAt' | 'createdAt'
  >,
  cal: WorkingCalendar,
): TicketClock | null {
  if (t.status !== 'pending_dispatch' || t.acceptedAt !== null || t.upstreamSignDueAt === null) return null;
  const from = t.upstreamReceivedAt ?? t.createdAt;
  const due = t.upstreamSignDueAt;
  if (due <= from) return { kind: 'upstream_sign', yellowAt: due, dueAt: due, since: from };
  const working = cal.workingMinutesBetween(from, due);
  const yellow =
    working > cal.minutesPerDay
      ? cal.subtractWorkingDays(due, 1)
      : working > 0
        ? cal.addWorkingMinutes(from, working * DEFAULT_YELLOW_RATIO)
        : from + Math.round((due - from) * DEFAULT_YELLOW_RATIO);
  return { kind: 'upstream_sign', yellowAt: Math.max(from, Math.min(due, yellow)), dueAt: due, since: from };
}

/**
 * The revisit clock, while the ticket waits for its revisit. Its yellow was stored with its due (from the
 * policy's revisit clock); a ticket from before that was kept turns yellow only at its due.
 */
export function revisitClock(
  t: Pick<TicketClockFields, 'status' | 'revisitDueAt' | 'revisitYellowAt'>,
): TicketClock | null {
  if (t.status !== 'pending_revisit' || t.revisitDueAt === null) return null;
  const yellow = Math.min(t.revisitYellowAt ?? t.revisitDueAt, t.revisitDueAt);
  return { kind: 'revisit', yellowAt: yellow, dueAt: t.revisitDueAt, since: 0 };
}

/** The ticket's own clock that runs now (at most one: they run in different states), or null. */
export function ticketClock(t: TicketClockFields, cal: WorkingCalendar): TicketClock | null {
  return orderSignClock(t, cal) ?? revisitClock(t);
}

/** The color of a ticket clock; null when it does not run. */
export function clockColor(clock: TicketClock | null, now: number): DeadlineColor | null {
  return clock && deadlineColor(now, clock.yellowAt, clock.dueAt);
}

/**
 * The card to raise on a ticket clock at `now`, given the cards already raised against its due time: red once
 * past due, yellow once in its warning time (not after red), each at most once; null otherwise.
 */
export function ticketCardStep(
  clock: Pick<TicketClock, 'yellowAt' | 'dueAt'>,
  raised: ReadonlySet<'yellow' | 'red'>,
  now: number,
): 'yellow' | 'red' | null {
  if (raised.has('red')) return null;
  if (now > clock.dueAt) return 'red';
  if (now >= clock.yellowAt && !raised.has('yellow')) return 'yellow';
  return null;
}

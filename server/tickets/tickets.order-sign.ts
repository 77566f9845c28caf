// The clock Yantai sets on an order it transfers down: we must accept it (签收, the receipt) by its `signDueAt`.
// Nothing of ours can move that time, and no department holds the order yet, so its yellow and red cards are
// the ticket's own (DESIGN §3: yellow 1 working day before due, or at 75 % of a short clock; red past due).
// Pure: the scanner, the ticket view and the tests share it.
import type { WorkingCalendar } from '../sla/calendar.js';
import { DEFAULT_YELLOW_RATIO, type DeadlineColor, deadlineColor } from '../sla/deadlines.js';
import type { TicketRow } from './tickets.repo.js';

/** What `data.clock` of a yellow or red event on this clock says. */
export const ORDER_SIGN_CLOCK = 'upstream_sign';

export type OrderSignFields = Pick<
  TicketRow,
  'status' | 'acceptedAt' | 'upstreamSignDueAt' | 'upstreamReceivedAt' | 'createdAt'
>;

/**
 * The receipt clock of an order, while it runs: an order of Yantai's waiting in the dispatch queue, not yet
 * accepted. It runs from the order's arrival (or Yantai's latest transfer of it again) to Yantai's `signDueAt`. Its yellow comes 1 working day
 * before due when more than a working day of working time lies between; otherwise at 75 % of the working time
 * between, or of the wall-clock time when none of it is working time (an urgent order at night).
 */
export function orderSignClock(
  t: OrderSignFields,
  cal: WorkingCalendar,
): { yellowAt: number; dueAt: number } | null {
  if (t.status !== 'pending_dispatch' || t.acceptedAt !== null || t.upstreamSignDueAt === null) return null;
  const from = t.upstreamReceivedAt ?? t.createdAt;
  const due = t.upstreamSignDueAt;
  if (due <= from) return { yellowAt: due, dueAt: due };
  const working = cal.workingMinutesBetween(from, due);
  const yellow =
    working > cal.minutesPerDay
      ? cal.subtractWorkingDays(due, 1)
      : working > 0
        ? cal.addWorkingMinutes(from, working * DEFAULT_YELLOW_RATIO)
        : from + Math.round((due - from) * DEFAULT_YELLOW_RATIO);
  return { yellowAt: Math.max(from, Math.min(due, yellow)), dueAt: due };
}

/** The color of an order's receipt clock; null when it does not run (accepted, returned, not an order). */
export function orderSignDeadline(
  t: OrderSignFields,
  cal: WorkingCalendar,
  now: number,
): DeadlineColor | null {
  const clock = orderSignClock(t, cal);
  return clock && deadlineColor(now, clock.yellowAt, clock.dueAt);
}

/**
 * The card to raise on an order's receipt clock at `now`, given the cards already raised against this due time:
 * red once past due, yellow once in its warning time (not after red), each at most once; null otherwise.
 */
export function orderSignStep(
  clock: { yellowAt: number; dueAt: number },
  raised: ReadonlySet<'yellow' | 'red'>,
  now: number,
): 'yellow' | 'red' | null {
  if (raised.has('red')) return null;
  if (now > clock.dueAt) return 'red';
  if (now >= clock.yellowAt && !raised.has('yellow')) return 'yellow';
  return null;
}

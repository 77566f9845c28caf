import type { AssignmentRow } from './tickets.repo.js';

/** The clock an assignment is running: signing until signed, then handling; none once finished. */
export function runningClock(
  a: Pick<AssignmentRow, 'status' | 'signYellowAt' | 'signDueAt' | 'yellowAt' | 'dueAt'>,
) {
  switch (a.status) {
    case 'pending_sign':
      return { kind: 'sign' as const, yellowAt: a.signYellowAt, dueAt: a.signDueAt };
    case 'in_progress':
    case 'return_requested':
      return { kind: 'handle' as const, yellowAt: a.yellowAt, dueAt: a.dueAt };
    default:
      return null;
  }
}

type CardFields = Pick<
  AssignmentRow,
  | 'status'
  | 'signYellowAt'
  | 'signDueAt'
  | 'yellowAt'
  | 'dueAt'
  | 'card'
  | 'cardDueAt'
  | 'noticeDueAt'
  | 'noticedAt'
>;

/**
 * Whether the red card's notice-list day has been acted on: listed at or after it. A listing before it was for an
 * earlier due (the ticket was reworked or extended since, and ran out again).
 */
function listed(a: Pick<AssignmentRow, 'noticedAt' | 'noticeDueAt'>): boolean {
  return a.noticedAt !== null && a.noticeDueAt !== null && a.noticedAt >= a.noticeDueAt;
}

/** The card that still holds: one raised against another due time (signed since, extended) no longer does. */
export function currentCard(a: CardFields): 'yellow' | 'red' | null {
  if (unsignedPastSign(a) !== null) return 'red';
  const clock = runningClock(a);
  if (!clock || a.card === null || a.cardDueAt !== clock.dueAt) return null;
  return a.card;
}

/**
 * Where an assignment still unsigned stands once its sign clock went red: its handling due still runs (a
 * department that never signs is as late on the work as one that signed and did nothing), so at that due it goes
 * red again on the handling clock, and 5 working days later on the notice list. `sign-red`: waiting for the
 * handling due; `handle-red`: past it (the red card is held against the handling due, its notice day set);
 * null: not unsigned past its sign due, the running clock decides.
 */
function unsignedPastSign(a: CardFields): 'sign-red' | 'handle-red' | null {
  if (a.status !== 'pending_sign' || a.card !== 'red' || a.cardDueAt === null) return null;
  if (a.cardDueAt === a.dueAt) return a.noticeDueAt !== null ? 'handle-red' : null;
  // Red against its sign due, or against a handling due that has moved since (Yantai's new due): the sign card
  // holds (never raised twice), and the handling due it runs on now is watched. A sign due moved past the card
  // is a new sign clock: the running clock decides.
  if (a.cardDueAt >= a.signDueAt) return 'sign-red';
  return null;
}

/** When the scanner must next look at an assignment: its yellow, its due, its notice-list day, or never. */
export function nextCheckAt(a: CardFields): number | null {
  const unsigned = unsignedPastSign(a);
  if (unsigned === 'sign-red') return a.dueAt + 1;
  if (unsigned === 'handle-red') return listed(a) ? null : a.noticeDueAt;
  const clock = runningClock(a);
  if (!clock) return null;
  const card = currentCard(a);
  if (card === null) return clock.yellowAt;
  if (card === 'yellow') return clock.dueAt + 1;
  if (clock.kind === 'handle' && a.noticeDueAt !== null && !listed(a)) return a.noticeDueAt;
  return null;
}

export type ScanStep =
  | { kind: 'none' }
  | { kind: 'yellow' | 'red'; clock: 'sign' | 'handle'; dueAt: number }
  | { kind: 'notice'; dueAt: number };

/** What the scanner does with an assignment at `now`: raise yellow or red (at most once per due), list it, or nothing. */
export function scanStep(a: CardFields, now: number): ScanStep {
  const unsigned = unsignedPastSign(a);
  if (unsigned === 'sign-red') {
    return now > a.dueAt ? { kind: 'red', clock: 'handle', dueAt: a.dueAt } : { kind: 'none' };
  }
  if (unsigned === 'handle-red') {
    return !listed(a) && a.noticeDueAt !== null && now >= a.noticeDueAt
      ? { kind: 'notice', dueAt: a.dueAt }
      : { kind: 'none' };
  }
  const clock = runningClock(a);
  if (!clock) return { kind: 'none' };
  const card = currentCard(a);
  if (now > clock.dueAt && card !== 'red') return { kind: 'red', clock: clock.kind, dueAt: clock.dueAt };
  if (now >= clock.yellowAt && card === null && now <= clock.dueAt) {
    return { kind: 'yellow', clock: clock.kind, dueAt: clock.dueAt };
  }
  if (
    card === 'red' &&
    clock.kind === 'handle' &&
    !listed(a) &&
    a.noticeDueAt !== null &&
    now >= a.noticeDueAt
  ) {
    return { kind: 'notice', dueAt: clock.dueAt };
  }
  return { kind: 'none' };
}

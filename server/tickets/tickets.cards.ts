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

/** The card that still holds: one raised against another due time (signed since, extended) no longer does. */
export function currentCard(a: CardFields): 'yellow' | 'red' | null {
  const clock = runningClock(a);
  if (!clock || a.card === null || a.cardDueAt !== clock.dueAt) return null;
  return a.card;
}

/** When the scanner must next look at an assignment: its yellow, its due, its notice-list day, or never. */
export function nextCheckAt(a: CardFields): number | null {
  const clock = runningClock(a);
  if (!clock) return null;
  const card = currentCard(a);
  if (card === null) return clock.yellowAt;
  if (card === 'yellow') return clock.dueAt + 1;
  if (clock.kind === 'handle' && a.noticedAt === null && a.noticeDueAt !== null) return a.noticeDueAt;
  return null;
}

export type ScanStep =
  | { kind: 'none' }
  | { kind: 'yellow' | 'red'; clock: 'sign' | 'handle'; dueAt: number }
  | { kind: 'notice'; dueAt: number };

/** What the scanner does with an assignment at `now`: raise yellow or red (at most once per due), list it, or nothing. */
export function scanStep(a: CardFields, now: number): ScanStep {
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
    a.noticedAt === null &&
    a.noticeDueAt !== null &&
    now >= a.noticeDueAt
  ) {
    return { kind: 'notice', dueAt: clock.dueAt };
  }
  return { kind: 'none' };
}

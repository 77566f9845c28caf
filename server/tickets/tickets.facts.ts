// What decides where an action leads, read before the state machine runs (tickets.machine.ts `Facts`): a direct
// answer sampled for a revisit, a revisit's outcome and whether it was the last attempt allowed.

import { reworkableLead } from './tickets.effects.js';
import type { Action, Facts } from './tickets.machine.js';
import type { AssignmentRow, EventRow, TicketRow } from './tickets.repo.js';

/**
 * Unreached revisit attempts of the current round: since the ticket last came into `pending_revisit` (a reply
 * approved, a direct answer sampled). A round after a rework starts again from none. Events in `seq` order.
 */
export function unreachedRevisitsOfRound(
  events: readonly Pick<EventRow, 'action' | 'fromStatus' | 'toStatus' | 'data'>[],
): number {
  let made = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.toStatus === 'pending_revisit' && e.fromStatus !== 'pending_revisit') break;
    if (e.action === 'revisit' && e.data?.reached === false) made += 1;
  }
  return made;
}

/** Facts from the input that decide where an action leads (read before the state machine runs). */
export function factsOf(
  action: Action,
  ticket: TicketRow,
  assignments: readonly AssignmentRow[],
  input: Record<string, unknown>,
  sampleEvery: () => number,
  /** Unreached revisits of this round so far, and how many the policy allows (0: no limit); read only if needed. */
  revisitAttempts: () => { made: number; limit: number } = () => ({ made: 0, limit: 0 }),
): Facts {
  if (action === 'answer') {
    const every = sampleEvery();
    return { sampled: every > 0 && Number(ticket.no.slice(-6)) % every === 0 };
  }
  if (action === 'revisit') {
    const unreached = input.reached === false;
    const attempts = unreached ? revisitAttempts() : null;
    return {
      unreached,
      lastAttempt: attempts !== null && attempts.limit > 0 && attempts.made + 1 >= attempts.limit,
      unsatisfied: input.satisfaction === 'unsatisfied',
      // No lead a rework could take back (a direct answer).
      noLead: reworkableLead(assignments) === undefined,
    };
  }
  return {};
}

import type { Tx } from '../core/db.js';
import { nextCheckAt } from './tickets.cards.js';
import type { CommitHooks, Committed } from './tickets.hooks.js';
import { type AssignmentRow, type EventInsert, ticketsRepo } from './tickets.repo.js';

/** The last step of every change: the one event, the scanner's bookmarks, and the in-transaction listeners. */
export function createCommitter(hooks: CommitHooks) {
  /** Appends the one event of a change, then lets in-transaction listeners write beside it. */
  function finish(tx: Tx, ticketId: number, event: EventInsert): Committed {
    const committed: Committed = {
      event: ticketsRepo.appendEvent(tx, event),
      ticket: ticketsRepo.byId(tx, ticketId)!,
      assignments: ticketsRepo.assignmentsOf(tx, [ticketId]).map((a) => withNextCheck(tx, a)),
    };
    hooks.runInTransaction(tx, committed);
    return committed;
  }

  /** Keeps the scanner's bookmark right after any change to an assignment's clocks or state. */
  function withNextCheck(tx: Tx, a: AssignmentRow): AssignmentRow {
    const next = nextCheckAt(a);
    if (next === a.nextCheckAt) return a;
    ticketsRepo.setNextCheck(tx, a.id, next);
    return { ...a, nextCheckAt: next };
  }

  return { finish, withNextCheck };
}

export type Finish = ReturnType<typeof createCommitter>['finish'];

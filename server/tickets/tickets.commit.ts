import type { DbOrTx } from '../core/db.js';
import { nextCheckAt } from './tickets.cards.js';
import type { CommitHooks, Committed } from './tickets.hooks.js';
import { type AssignmentRow, type EventInsert, type TicketRow, ticketsRepo } from './tickets.repo.js';

/** The last step of every change: the one event, the scanner's bookmarks, and the in-transaction listeners. */
export function createCommitter(hooks: CommitHooks) {
  /**
   * Appends the one event of a change, then lets in-transaction listeners write beside it. A ticket just
   * inserted is handed in as stored (it has no assignments yet); any other is read back.
   */
  function finish(tx: DbOrTx, ticket: number | TicketRow, event: EventInsert): Committed {
    const committed: Committed =
      typeof ticket === 'number'
        ? {
            event: ticketsRepo.appendEvent(tx, event),
            ticket: ticketsRepo.byId(tx, ticket)!,
            assignments: ticketsRepo.assignmentsOf(tx, [ticket]).map((a) => withNextCheck(tx, a)),
          }
        : { event: ticketsRepo.appendEvent(tx, event), ticket, assignments: [] };
    hooks.runInTransaction(tx, committed);
    return committed;
  }

  /** Keeps the scanner's bookmark right after any change to an assignment's clocks or state. */
  function withNextCheck(tx: DbOrTx, a: AssignmentRow): AssignmentRow {
    const next = nextCheckAt(a);
    if (next === a.nextCheckAt) return a;
    ticketsRepo.setNextCheck(tx, a.id, next);
    return { ...a, nextCheckAt: next };
  }

  return { finish, withNextCheck };
}

export type Finish = ReturnType<typeof createCommitter>['finish'];

import type { DbOrTx } from '../core/db.js';
import type { AssignmentRow, EventRow, TicketRow } from './tickets.repo.js';

/** What every committed change reports: the ticket as written, its assignments, and its one event. */
export interface Committed {
  ticket: TicketRow;
  assignments: AssignmentRow[];
  event: EventRow;
}

type InTransaction = (tx: DbOrTx, c: Committed) => void;
type AfterCommit = (c: Committed) => void;

/**
 * Other modules hook into the ticket commit path here, without the tickets module knowing them:
 * `inTransaction` listeners write in the same transaction as the event (the Yantai outbox), `afterCommit`
 * listeners run once it is durable (live push, waking the outbox worker) and must not throw.
 */
export function createCommitHooks(whenCommitted: (fn: () => void) => void = (fn) => fn()) {
  const inside: InTransaction[] = [];
  const after: AfterCommit[] = [];
  return {
    inTransaction(fn: InTransaction): void {
      inside.push(fn);
    },
    afterCommit(fn: AfterCommit): void {
      after.push(fn);
    },
    runInTransaction(tx: DbOrTx, c: Committed): void {
      for (const fn of inside) fn(tx, c);
    },
    /** Runs the after-commit listeners once the change is durable (a write batch defers them to its COMMIT). */
    runAfterCommit(c: Committed): void {
      whenCommitted(() => {
        for (const fn of after) fn(c);
      });
    },
  };
}

export type CommitHooks = ReturnType<typeof createCommitHooks>;

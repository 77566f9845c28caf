import type { AssignmentRow } from './tickets.repo.js';

/**
 * Whether an assignment still shows its ticket to its department. A returned one never does. A cancelled or
 * closed one does (the department keeps the history of a merged, recalled or finished ticket, or of a round whose
 * lead's return was approved), until the ticket is dispatched again after it: a dispatch starts with its lead,
 * so any top-level lead newer than the assignment, whatever became of it later (returned too), ends what it
 * shows. An assisting department, or a village whose part closed before its town returned the ticket, must not
 * follow the ticket to its next departments. The SQL twin is `visibleAssignment` in tickets.repo.ts.
 */
export function showsTicket(a: AssignmentRow, all: readonly AssignmentRow[]): boolean {
  if (a.status === 'returned') return false;
  if (a.status !== 'cancelled' && a.status !== 'closed') return true;
  return !all.some((b) => b.id > a.id && b.role === 'lead' && b.parentId === null);
}

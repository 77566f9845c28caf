import type { AssignmentRow } from './tickets.repo.js';

/**
 * Whether an assignment still shows its ticket to its department. A returned one never does. A cancelled one
 * does (the department keeps the history of a merged or recalled ticket), unless the ticket was dispatched
 * again after it: an assisting department whose lead's return was approved must not follow the ticket to
 * its next department. The SQL twin is `visibleAssignment` in tickets.repo.ts.
 */
export function showsTicket(a: AssignmentRow, all: readonly AssignmentRow[]): boolean {
  if (a.status === 'returned') return false;
  if (a.status !== 'cancelled') return true;
  return !all.some((b) => b.id > a.id && b.status !== 'cancelled' && b.status !== 'returned');
}

// The tickets and assignments the dispatch queue tests start from.
import type { Assignment, Ticket } from '../../../agent-console/src/api/types.js';
import { assignmentFixture, ticketFixture } from '../fixtures.js';

/** A ticket pending dispatch, registered 2026-11-27 09:00, with `over` on top. */
export const ticket = (no: string, over: Partial<Ticket> = {}): Ticket =>
  ticketFixture(no, {
    status: 'pending_dispatch',
    caller: { name: '李先生', phone: '13805351234' },
    createdAt: '2026-11-27T09:00:00.000+08:00',
    updatedAt: '2026-11-27T09:00:00.000+08:00',
    ...over,
  });

/** An assignment dispatched 2026-11-27 10:00 with its clocks, with `over` on top. */
export const assignment = (over: Partial<Assignment>): Assignment =>
  assignmentFixture({
    dispatchedAt: '2026-11-27T10:00:00.000+08:00',
    signDueAt: '2026-11-28T10:00:00.000+08:00',
    dueAt: '2026-12-04T10:00:00.000+08:00',
    yellowAt: '2026-12-03T10:00:00.000+08:00',
    returnDueAt: '2026-12-01T10:00:00.000+08:00',
    ...over,
  });

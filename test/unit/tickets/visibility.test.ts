import { describe, expect, it } from 'vitest';
import type { AssignmentRow } from '../../../server/tickets/tickets.repo.js';
import { showsTicket } from '../../../server/tickets/tickets.visibility.js';

const lead = (id: number, status: AssignmentRow['status']) =>
  ({ id, status, role: 'lead', parentId: null }) as AssignmentRow;
const assist = (id: number, status: AssignmentRow['status']) =>
  ({ id, status, role: 'assist', parentId: null }) as AssignmentRow;
/** A village's assignment, passed down by the town's assignment `parentId` (it keeps the town's role). */
const village = (id: number, status: AssignmentRow['status'], parentId: number) =>
  ({ id, status, role: 'lead', parentId }) as AssignmentRow;

describe('which assignments show their ticket to their department', () => {
  it.each([
    ['a live lead', [lead(1, 'in_progress')], 1, true],
    ['a returned lead', [lead(1, 'returned'), lead(2, 'pending_sign')], 1, false],
    [
      'an assist cancelled by a return, before the next dispatch',
      [lead(1, 'returned'), assist(2, 'cancelled')],
      2,
      true,
    ],
    [
      'an assist cancelled by a return, after the next dispatch',
      [lead(1, 'returned'), assist(2, 'cancelled'), lead(3, 'pending_sign')],
      2,
      false,
    ],
    [
      'an assist cancelled by a return, after the next lead returned the ticket too',
      [lead(1, 'returned'), assist(2, 'cancelled'), lead(3, 'returned')],
      2,
      false,
    ],
    ['an assist after the next department closed it', [assist(2, 'cancelled'), lead(3, 'closed')], 2, false],
    [
      'a town of a merged ticket, its village cancelled too',
      [lead(1, 'cancelled'), village(2, 'cancelled', 1)],
      1,
      true,
    ],
    [
      'a village cancelled by its town’s return, before the next dispatch',
      [lead(1, 'returned'), village(2, 'cancelled', 1)],
      2,
      true,
    ],
    [
      'a village cancelled by its town’s return, after the next dispatch',
      [lead(1, 'returned'), village(2, 'cancelled', 1), lead(3, 'pending_sign')],
      2,
      false,
    ],
    ['a closed lead, the ticket closed', [lead(1, 'closed'), assist(2, 'closed')], 1, true],
    ['a closed assist, the ticket closed', [lead(1, 'closed'), assist(2, 'closed')], 2, true],
    [
      'a closed lead of an order Yantai recalled and sent again, once dispatched elsewhere',
      [lead(1, 'closed'), lead(2, 'in_progress')],
      1,
      false,
    ],
    [
      'a village that replied before its town returned the ticket, before the next dispatch',
      [lead(1, 'returned'), village(2, 'closed', 1), village(3, 'cancelled', 1)],
      2,
      true,
    ],
    [
      'a village that replied before its town returned the ticket, after the next dispatch',
      [lead(1, 'returned'), village(2, 'closed', 1), village(3, 'cancelled', 1), lead(4, 'pending_sign')],
      2,
      false,
    ],
  ] as const)('%s', (_name, all, id, shows) => {
    const row = all.find((x) => x.id === id)!;
    expect(showsTicket(row, all)).toBe(shows);
  });
});

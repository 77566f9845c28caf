import { describe, expect, it } from 'vitest';
import type { AssignmentRow } from '../../../server/tickets/tickets.repo.js';
import { showsTicket } from '../../../server/tickets/tickets.visibility.js';

const a = (id: number, status: AssignmentRow['status']) => ({ id, status }) as AssignmentRow;

describe('which assignments show their ticket to their department', () => {
  it.each([
    ['a live lead', [a(1, 'in_progress')], 1, true],
    ['a returned lead', [a(1, 'returned'), a(2, 'pending_sign')], 1, false],
    [
      'an assist cancelled by a return, before the next dispatch',
      [a(1, 'returned'), a(2, 'cancelled')],
      2,
      true,
    ],
    [
      'an assist cancelled by a return, after the next dispatch',
      [a(1, 'returned'), a(2, 'cancelled'), a(3, 'pending_sign')],
      2,
      false,
    ],
    ['an assist after the next department closed it', [a(2, 'cancelled'), a(3, 'closed')], 2, false],
    ['a town of a merged ticket, its village cancelled too', [a(1, 'cancelled'), a(2, 'cancelled')], 1, true],
    ['a closed assignment', [a(1, 'closed'), a(2, 'in_progress')], 1, true],
  ] as const)('%s → %s', (_name, all, id, shows) => {
    const row = all.find((x) => x.id === id)!;
    expect(showsTicket(row, all)).toBe(shows);
  });
});

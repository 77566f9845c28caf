// A department whose own part of a still-open ticket has ended (its assist cancelled when the lead's return was
// approved, or a part it returned) is told its part's state (409), not that it lacks the right (403).
import { describe, expect, it } from 'vitest';
import { type Action, type Actor, decide, type Subject } from '../../../server/tickets/tickets.machine.js';

const open: Subject = { status: 'in_progress', upstream: false };
const handler = (assignmentStatus?: Actor['assignmentStatus']): Actor => ({
  kind: 'handler',
  relation: 'none',
  assignmentStatus,
  isTown: false,
});

describe('a handler with no live part on an open ticket', () => {
  it.each<[Action, Actor['assignmentStatus'], string]>([
    ['sign', 'cancelled', '「已取消」'],
    ['reply', 'cancelled', '「已取消」'],
    ['request_extension', 'cancelled', '「已取消」'],
    ['report_progress', 'returned', '「已退单」'],
    ['request_return', 'returned', '「已退单」'],
  ])('%s with its part %s: 409 naming the part’s state', (action, status, words) => {
    const d = decide(open, action, handler(status));
    expect(d).toMatchObject({ ok: false, code: 'conflict' });
    expect(!d.ok && d.reason).toContain(words);
  });

  it.each<[Action, Actor['assignmentStatus']]>([
    ['sign', undefined],
    ['reply', 'in_progress'],
  ])('%s without an ended part (%s) stays 403', (action, status) => {
    expect(decide(open, action, handler(status))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('an action no department takes stays 403 whatever its part', () => {
    for (const action of ['dispatch', 'approve_reply', 'urge'] as const) {
      expect(decide(open, action, handler('cancelled'))).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });
});

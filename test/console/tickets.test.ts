import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../agent-console/src/api/types.js';
import {
  assignmentReplyLabel,
  clockRunning,
  extensionDaysLeft,
  finishedLate,
  replyKind,
  replySentBack,
} from '../../agent-console/src/lib/tickets.js';
import { assignmentFixture } from './fixtures.js';

describe('a public reply sent back', () => {
  it.each([
    ['in progress again after 审核退回', 'in_progress', '已处理', true],
    ['dispatched again (reworked to a new department)', 'dispatched', '已处理', true],
    ['waiting for review', 'replied', '已处理', false],
    ['closed', 'closed', '已处理', false],
    ['in progress, never replied', 'in_progress', null, false],
  ] as const)('%s → %s', (_name, status, publicReply, sentBack) => {
    expect(replySentBack({ status, publicReply })).toBe(sentBack);
  });
});

describe('assignments: whose reply, which light, how many extension days', () => {
  const a = (over: Partial<Assignment>) => assignmentFixture(over);

  it.each([
    ['the lead', a({ role: 'lead', parentId: null }), 'lead'],
    ['an assist', a({ role: 'assist', parentId: null }), 'assist'],
    ['a village under an assist', a({ role: 'assist', parentId: 4 }), 'assist'],
    ['a village under the lead', a({ role: 'lead', parentId: 4 }), 'village'],
    ['nothing known', null, 'lead'],
  ] as const)('replyKind of %s is %s', (_, assignment, kind) => {
    expect(replyKind(assignment)).toBe(kind);
  });

  it.each([
    [a({ role: 'lead', status: 'replied' }), '答复'],
    [a({ role: 'lead', status: 'closed' }), '答复'],
    [a({ role: 'assist', status: 'replied' }), '协办意见'],
    [a({ role: 'assist', parentId: 4, status: 'replied' }), '协办意见'],
    [a({ role: 'lead', status: 'in_progress' }), '上次答复（已退回重办）'],
  ])('reply label %#', (assignment, label) => {
    expect(assignmentReplyLabel(assignment)).toBe(label);
  });

  it.each([
    ['pending_sign', true],
    ['in_progress', true],
    ['return_requested', true],
    ['replied', false],
    ['returned', false],
    ['cancelled', false],
    ['closed', false],
  ] as const)('a clock runs on a %s assignment: %s', (status, running) => {
    expect(clockRunning(a({ status }))).toBe(running);
  });

  it.each([
    ['replied', 'red', '超期回复'],
    ['closed', 'red', '超期办结'],
    ['replied', 'green', null],
    ['cancelled', 'red', null],
    ['in_progress', 'red', null],
  ] as const)('finished late: %s %s → %s', (status, deadline, text) => {
    expect(finishedLate(a({ status, deadline }))).toBe(text);
  });

  it.each([
    [0, 10, 10],
    [3, 10, 7],
    [10, 10, 0],
    [12, 10, 0],
    [2, 5, 3],
    [4, undefined, 6],
    [4, null, 6],
  ])('granted %i of a cap of %s: %i left', (granted, cap, left) => {
    expect(extensionDaysLeft(a({ extensionDays: granted }), cap)).toBe(left);
  });

  it('no assignment: the whole default cap', () => {
    expect(extensionDaysLeft(null)).toBe(10);
  });
});

import { describe, expect, it } from 'vitest';
import { replySentBack } from '../../agent-console/src/lib/tickets.js';

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

import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../agent-console/src/api/supervision.js';
import { hasWork } from '../../../agent-console/src/views/supervision/supervision.logic.js';

const idle: LedgerRow = {
  departmentId: 7,
  name: '区交通运输局',
  dispatched: 0,
  leadDispatched: 0,
  signed: 0,
  signedOnTime: 0,
  signOverdue: 0,
  replied: 0,
  repliedOnTime: 0,
  handleOverdue: 0,
  returned: 0,
  reworked: 0,
  approved: 0,
  approvedRevisited: 0,
  revisited: 0,
  solved: 0,
  firstRevisits: 0,
  firstSatisfied: 0,
  finalRevisits: 0,
  finalSatisfied: 0,
  onTimeSignRate: null,
  onTimeCompletionRate: null,
  returnRate: null,
  reworkRate: null,
  revisitRate: null,
  solveRate: null,
  firstSatisfactionRate: null,
  finalSatisfactionRate: null,
};

describe('hasWork (月度台账 hides departments with nothing that month)', () => {
  it.each<[string, Partial<LedgerRow>, boolean]>([
    ['nothing at all', {}, false],
    ['a dispatch', { dispatched: 1 }, true],
    // Its only work that month: a return approved for a ticket dispatched the month before.
    ['only a return approved', { returned: 1 }, true],
    ['only a rework', { reworked: 1 }, true],
    ['only an approval', { approved: 1 }, true],
    ['only a sign clock run out', { signOverdue: 1 }, true],
  ])('%s → %s', (_name, over, want) => expect(hasWork({ ...idle, ...over })).toBe(want));
});

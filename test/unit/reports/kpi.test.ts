import { describe, expect, it } from 'vitest';
import { rate } from '../../../server/core/rate.js';
import {
  centreLine,
  type DepartmentCounts,
  departmentRates,
  ledgerCsv,
  noCounts,
  totalOf,
} from '../../../server/reports/reports.kpi.js';

const counts = (over: Partial<DepartmentCounts>): DepartmentCounts => ({
  ...noCounts(1, '区住建局'),
  ...over,
});

describe('rate', () => {
  it.each([
    [0, 0, null],
    [0, 3, 0],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [3, 3, 1],
    [999, 1000, 0.999],
    [1999, 2000, 1],
  ])('%i of %i → %s', (n, of, want) => expect(rate(n, of)).toBe(want));
});

describe('departmentRates', () => {
  it.each<[string, Partial<DepartmentCounts>, keyof ReturnType<typeof departmentRates>, number | null]>([
    ['signed on time over signed', { signed: 4, signedOnTime: 3 }, 'onTimeSignRate', 0.75],
    [
      'a sign clock run out counts as late',
      { signed: 3, signedOnTime: 3, signOverdue: 1 },
      'onTimeSignRate',
      0.75,
    ],
    ['nothing to sign: no rate', { dispatched: 2 }, 'onTimeSignRate', null],
    ['replied on time over replied', { replied: 5, repliedOnTime: 4 }, 'onTimeCompletionRate', 0.8],
    [
      'open past due counts as late',
      { replied: 1, repliedOnTime: 1, handleOverdue: 1 },
      'onTimeCompletionRate',
      0.5,
    ],
    [
      'returns over lead dispatches, not assists',
      { dispatched: 4, leadDispatched: 2, returned: 1 },
      'returnRate',
      0.5,
    ],
    ['rework over replies', { replied: 4, reworked: 1 }, 'reworkRate', 0.25],
    ['revisited since approval', { approved: 4, approvedRevisited: 3 }, 'revisitRate', 0.75],
    ['solved over reached revisits', { revisited: 4, solved: 3 }, 'solveRate', 0.75],
    ['first satisfaction', { firstRevisits: 2, firstSatisfied: 1 }, 'firstSatisfactionRate', 0.5],
    ['final satisfaction', { finalRevisits: 2, finalSatisfied: 2 }, 'finalSatisfactionRate', 1],
  ])('%s', (_name, over, key, want) => expect(departmentRates(counts(over))[key]).toBe(want));
});

describe('totalOf', () => {
  it('sums the counts, so the total rate is of the sums, not the mean of the rates', () => {
    const total = totalOf([
      counts({ signed: 1, signedOnTime: 1 }),
      counts({ departmentId: 2, signed: 9, signedOnTime: 0 }),
    ]);
    expect(total).toMatchObject({ departmentId: 0, name: '合计', signed: 10, signedOnTime: 1 });
    // The mean of 100 % and 0 % would be 50 %.
    expect(departmentRates(total).onTimeSignRate).toBe(0.1);
  });
});

describe('ledgerCsv', () => {
  const centre = {
    registered: 10,
    directAnswers: 3,
    offered: 7,
    queued: 4,
    ivrEnded: 3,
    answered: 3,
    answered15: 2,
    directAnswerRate: 0.3,
    answerRate: 0.75,
    answeredWithin15sRate: 0.5,
  };
  const row = (c: DepartmentCounts) => ({ ...c, ...departmentRates(c) });
  const csv = ledgerCsv(
    [row(counts({ name: '甲,乙"局"', dispatched: 3, signed: 2, signedOnTime: 1 }))],
    centre,
  );
  const lines = csv.split('\r\n');

  it('starts with a BOM and the Chinese heads', () => {
    expect(csv.startsWith('\uFEFF承办单位,派单数,签收数,超期未签收,按时签收率')).toBe(true);
  });
  it('quotes a name with a comma or a quote, and writes rates as percentages, none as —', () => {
    expect(lines[1]).toBe('"甲,乙""局""",3,2,0,50.0%,0,0,—,0,—,0,—,—,0,—,—,—');
  });
  it("ends with the centre's figures, the calls that ended in the IVR apart from those that asked for an agent", () => {
    expect(lines.slice(2)).toEqual([
      '',
      '受理数,直办数,直办率,呼入数,IVR结束数,进入人工队列数,接通数,接通率,15秒接通数,15秒接通率',
      '10,3,30.0%,7,3,4,3,75.0%,2,50.0%',
      '',
    ]);
  });
});

describe('ledgerCsv, per hotline line (分线路)', () => {
  const nothing = { registered: 0, directAnswers: 0 };
  const noCalls = { offered: 0, queued: 0, answered: 0, answered15: 0 };
  const l12345 = {
    line: '12345',
    ...centreLine(
      { registered: 8, directAnswers: 2 },
      { offered: 10, queued: 8, answered: 6, answered15: 4 },
    ),
  };
  // 89000 in its end mode: calls, none of which asked for an agent; no ticket.
  const l89000 = { line: '89000', ...centreLine(nothing, { ...noCalls, offered: 3 }) };
  const csv = ledgerCsv([], centreLine(nothing, noCalls), [l12345, l89000]);
  const lines = csv.split('\r\n');

  it('adds a section 分线路 after the centre: the line, then the centre’s columns', () => {
    const at = lines.indexOf('分线路');
    expect(lines[at - 1]).toBe('');
    expect(lines.slice(at + 1)).toEqual([
      '线路,受理数,直办数,直办率,呼入数,IVR结束数,进入人工队列数,接通数,接通率,15秒接通数,15秒接通率',
      '12345,8,2,25.0%,10,2,8,6,75.0%,4,50.0%',
      '89000,0,0,—,3,3,0,0,—,0,—',
      '',
    ]);
  });

  it('has no such section without lines', () => {
    expect(ledgerCsv([], centreLine(nothing, noCalls))).not.toContain('分线路');
  });
});

import { describe, expect, it } from 'vitest';
import type { LedgerRow, LineFigures } from '../../../agent-console/src/api/supervision.js';
import {
  LINE_COLUMNS,
  type LineColumn,
  lineRows,
  ticketsWithoutLine,
} from '../../../agent-console/src/views/supervision/ledger.logic.js';
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

const figures = (line: string, over: Partial<LineFigures> = {}): LineFigures => ({
  line,
  registered: 0,
  directAnswers: 0,
  offered: 0,
  queued: 0,
  ivrEnded: 0,
  answered: 0,
  answered15: 0,
  directAnswerRate: null,
  answerRate: null,
  answeredWithin15sRate: null,
  ...over,
});

describe('lineRows (月度台账 → 分线路)', () => {
  it.each<[string, Partial<LineFigures>, Partial<Record<LineColumn, string>>]>([
    // A configured line with nothing that month: no rate, not 0 %.
    [
      'a line with nothing',
      {},
      { registered: '0', directAnswerRate: '—', offered: '0', answerRate: '—', answeredWithin15sRate: '—' },
    ],
    // 89000 in its end mode: calls came, none asked for an agent.
    [
      'calls that all ended in the IVR',
      { offered: 40, queued: 0 },
      { offered: '40', queued: '0', answerRate: '—' },
    ],
    [
      'tickets and answered calls',
      {
        registered: 8,
        directAnswers: 2,
        directAnswerRate: 0.25,
        offered: 12,
        queued: 10,
        answered: 9,
        answered15: 6,
        answerRate: 0.9,
        answeredWithin15sRate: 0.6,
      },
      {
        registered: '8',
        directAnswers: '2',
        directAnswerRate: '25%',
        queued: '10',
        answered: '9',
        answered15: '6',
        answerRate: '90%',
        answeredWithin15sRate: '60%',
      },
    ],
    ['every queued call abandoned: 0 %, which is data', { queued: 2, answerRate: 0 }, { answerRate: '0%' }],
    ['a rate with a decimal', { answerRate: 0.667 }, { answerRate: '66.7%' }],
  ])('%s', (_name, over, want) => {
    const [row] = lineRows([figures('89000', over)]);
    expect(row!.line).toBe('89000');
    expect(row!.cells).toMatchObject(want);
  });

  it('keeps the server’s order of the lines and shows every column', () => {
    const rows = lineRows([figures('12345'), figures('89000'), figures('96120')]);
    expect(rows.map((r) => r.line)).toEqual(['12345', '89000', '96120']);
    expect(Object.keys(rows[0]!.cells)).toEqual(LINE_COLUMNS.map(([key]) => key));
  });
});

describe('ticketsWithoutLine (a walk-in or a web appeal is in no line)', () => {
  const centre = (registered: number, directAnswers: number, lines: LineFigures[]) => ({
    ...figures(''),
    registered,
    directAnswers,
    lines,
  });
  it.each<[string, ReturnType<typeof centre>, { registered: number; directAnswers: number }]>([
    ['no tickets', centre(0, 0, [figures('12345'), figures('89000')]), { registered: 0, directAnswers: 0 }],
    [
      'every ticket on a line',
      centre(5, 2, [
        figures('12345', { registered: 4, directAnswers: 2 }),
        figures('89000', { registered: 1 }),
      ]),
      { registered: 0, directAnswers: 0 },
    ],
    [
      'two walk-ins, one answered on the spot',
      centre(7, 3, [
        figures('12345', { registered: 4, directAnswers: 2 }),
        figures('89000', { registered: 1 }),
      ]),
      { registered: 2, directAnswers: 1 },
    ],
    ['no line configured', centre(3, 1, []), { registered: 3, directAnswers: 1 }],
  ])('%s', (_name, c, want) => expect(ticketsWithoutLine(c)).toEqual(want));
});

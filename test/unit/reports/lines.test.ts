// The ledger's lines (分线路, docs/reports.md): which lines are listed, in what order, and that each line's
// figures are the centre's arithmetic on that line's counts. The counting itself is in the integration tests.
import { describe, expect, it } from 'vitest';
import type { CallCounts } from '../../../server/reports/reports.calls.js';
import { sumCalls } from '../../../server/reports/reports.calls.js';
import type { CentreCounts } from '../../../server/reports/reports.kpi.js';
import { lineFigures, sumTickets } from '../../../server/reports/reports.lines.js';

const tickets = (registered: number, directAnswers: number): CentreCounts => ({ registered, directAnswers });
const calls = (offered: number, queued: number, answered: number, answered15: number): CallCounts => ({
  offered,
  queued,
  answered,
  answered15,
});
const CONFIGURED = ['12345', '89000'];

describe('lineFigures: which lines', () => {
  it.each<[string, [string | null, CentreCounts][], [string, CallCounts][], string[]]>([
    ['a month with nothing: the configured lines', [], [], ['12345', '89000']],
    ['tickets without a line (a walk-in, the web) make no line', [[null, tickets(3, 1)]], [], CONFIGURED],
    [
      'a line no flow answers, with a ticket: after the configured ones',
      [['96120', tickets(1, 0)]],
      [],
      ['12345', '89000', '96120'],
    ],
    [
      'lines with calls only, sorted after the configured ones',
      [],
      [
        ['96120', calls(1, 0, 0, 0)],
        ['12329', calls(2, 0, 0, 0)],
        ['12345', calls(5, 5, 5, 5)],
      ],
      ['12345', '89000', '12329', '96120'],
    ],
  ])('%s', (_name, t, c, want) => {
    expect(lineFigures(CONFIGURED, new Map(t), new Map(c)).map((l) => l.line)).toEqual(want);
  });

  it('lists a configured line once, and none when none is configured and nothing happened', () => {
    expect(lineFigures(['12345', '12345'], new Map(), new Map()).map((l) => l.line)).toEqual(['12345']);
    expect(lineFigures([], new Map(), new Map())).toEqual([]);
  });
});

describe('lineFigures: each line’s figures', () => {
  const [l12345, l89000] = lineFigures(
    CONFIGURED,
    new Map([
      ['12345', tickets(8, 2)],
      [null, tickets(2, 1)],
    ]),
    new Map([
      ['12345', calls(10, 8, 6, 4)],
      ['89000', calls(3, 0, 0, 0)],
    ]),
  );

  it('takes the rates of the line’s own counts', () => {
    expect(l12345).toEqual({
      line: '12345',
      registered: 8,
      directAnswers: 2,
      directAnswerRate: 0.25,
      offered: 10,
      queued: 8,
      ivrEnded: 2,
      answered: 6,
      answered15: 4,
      answerRate: 0.75,
      answeredWithin15sRate: 0.5,
    });
  });

  it('gives a line whose calls never asked for an agent, and with no ticket, no rate rather than 0 %', () => {
    expect(l89000).toMatchObject({
      registered: 0,
      directAnswerRate: null,
      offered: 3,
      ivrEnded: 3,
      answerRate: null,
      answeredWithin15sRate: null,
    });
  });
});

describe('the centre is the sum of its parts', () => {
  it('sums tickets over every line and none', () => {
    expect(sumTickets([tickets(8, 2), tickets(2, 1), tickets(0, 0)])).toEqual(tickets(10, 3));
    expect(sumTickets([])).toEqual(tickets(0, 0));
  });
  it('sums calls over every line', () => {
    expect(sumCalls([calls(10, 8, 6, 4), calls(3, 0, 0, 0)])).toEqual(calls(13, 8, 6, 4));
    expect(sumCalls([])).toEqual(calls(0, 0, 0, 0));
  });
});

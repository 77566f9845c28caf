import { describe, expect, it } from 'vitest';
import type {
  Agent,
  CallMetrics,
  CallSummary,
  DepartmentOverview,
} from '../../../agent-console/src/api/supervision.js';
import {
  deptChartOption,
  hourChartOption,
} from '../../../agent-console/src/views/supervision/wallboard.charts.js';
import {
  AGENT_STATE_LABELS,
  AGENT_STATES,
  applyAgentState,
  asCallMetrics,
  countAgents,
  deptChart,
  hourSeries,
  lightTotals,
  onDuty,
  sameCounts,
  sortAgents,
  todayTotals,
  waitingTotal,
} from '../../../agent-console/src/views/supervision/wallboard.logic.js';
import { AGENT_STATES as SERVER_AGENT_STATES } from '../../../server/calls/calls.tables.js';

const summary = (over: Partial<CallSummary> = {}): CallSummary => ({
  offered: 0,
  queued: 0,
  answered: 0,
  answered15: 0,
  answerRate: null,
  answeredWithin15sRate: null,
  averageWaitSec: null,
  longestWaitSec: null,
  abandoned: 0,
  abandonRate: null,
  abandonedInIvr: 0,
  ...over,
});
const agent = (no: string, state: string): Agent => ({
  userId: Number(no),
  agentNo: no,
  skills: ['general'],
  state,
  stateSince: '2026-11-28T08:00:00.000+08:00',
});
const dept = (id: number, yellow: number, red: number, open = yellow + red): DepartmentOverview => ({
  departmentId: id,
  name: `单位${id}`,
  open,
  onTime: open - yellow - red,
  yellow,
  red,
  overdue: 0,
  supervisionOpen: 0,
  onTimeSignRate: null,
  onTimeCompletionRate: null,
});

describe('todayTotals', () => {
  it('no metrics, no calls', () => {
    expect(todayTotals(null)).toEqual({
      offered: 0,
      queued: 0,
      answered: 0,
      abandoned: 0,
      answered15: 0,
      answerRate: null,
      within15Rate: null,
      longestWaitSec: null,
    });
  });
  it('sums the lines; both rates are of the calls that asked for an agent, not of every call', () => {
    const t = todayTotals({
      lines: [
        {
          line: '12345',
          ...summary({
            offered: 100,
            queued: 95,
            answered: 90,
            answered15: 81,
            abandoned: 5,
            longestWaitSec: 40,
          }),
        },
        // 89000 announcing and ending: 20 calls, none asked for an agent.
        { line: '89000', ...summary({ offered: 20, longestWaitSec: null }) },
        {
          line: '96345',
          ...summary({
            offered: 20,
            queued: 15,
            answered: 10,
            answered15: 5,
            abandoned: 5,
            longestWaitSec: 95.5,
          }),
        },
      ],
    });
    expect(t).toMatchObject({
      offered: 140,
      queued: 110,
      answered: 100,
      abandoned: 10,
      answered15: 86,
      longestWaitSec: 95.5,
    });
    expect(t.answerRate).toBeCloseTo(100 / 110);
    expect(t.within15Rate).toBeCloseTo(86 / 110);
  });

  it('gives no rate when no call asked for an agent', () => {
    const t = todayTotals({ lines: [{ line: '89000', ...summary({ offered: 7 }) }] });
    expect(t).toMatchObject({ offered: 7, queued: 0, answerRate: null, within15Rate: null });
  });
});

describe('agents', () => {
  it('knows every server agent state, in Chinese', () => {
    for (const s of SERVER_AGENT_STATES) {
      expect(AGENT_STATES).toContain(s);
      expect(AGENT_STATE_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('applyAgentState updates the agent by number, unknown agents change nothing', () => {
    const list = [agent('1001', 'ready'), agent('1002', 'offline')];
    const e = { agent: '1002', state: 'busy', at: '2026-11-28T09:00:00.000+08:00' };
    const out = applyAgentState(list, e);
    expect(out.known).toBe(true);
    expect(out.agents[1]).toMatchObject({ agentNo: '1002', state: 'busy', stateSince: e.at });
    expect(list[1]?.state).toBe('offline'); // not mutated
    expect(applyAgentState(list, { ...e, agent: '9999' })).toEqual({ agents: list, known: false });
  });

  it('counts, every state present', () => {
    const c = countAgents([
      agent('1', 'ready'),
      agent('2', 'ready'),
      agent('3', 'busy'),
      agent('4', 'offline'),
    ]);
    expect(c).toEqual({ ready: 2, busy: 1, wrap_up: 0, not_ready: 0, offline: 1 });
    expect(onDuty(c)).toBe(3);
  });

  it.each([
    [{ ready: 1, busy: 0 }, { ready: 1 }, true],
    [{ ready: 1 }, { ready: 2 }, false],
    [{ offline: 2 }, { offline: 2, busy: 0 }, true],
    [{}, { busy: 1 }, false],
  ])('sameCounts(%j, %j) = %s', (a, b, want) => {
    expect(sameCounts(a, b)).toBe(want);
  });

  it('tiles: on a call first, then by state, then by number', () => {
    const list = [
      agent('1010', 'ready'),
      agent('1002', 'offline'),
      agent('1009', 'busy'),
      agent('1001', 'ready'),
      agent('1003', 'not_ready'),
    ];
    expect(sortAgents(list).map((a) => a.agentNo)).toEqual(['1009', '1001', '1010', '1003', '1002']);
  });
});

describe('queue and charts', () => {
  it.each([
    [{}, 0],
    [null, 0],
    [{ general: 3, enterprise: 1 }, 4],
    [{ general: 2, bad: Number.NaN }, 2],
  ])('waitingTotal(%j) = %d', (w, want) => {
    expect(waitingTotal(w as Record<string, number> | null)).toBe(want);
  });

  it('deptChart: only departments with yellow or red, worst on top (last), limited', () => {
    const out = deptChart([dept(1, 1, 0), dept(2, 0, 0, 5), dept(3, 2, 3), dept(4, 0, 3), dept(5, 4, 0)], 3);
    expect(out.ids).toEqual([5, 4, 3]);
    expect(out.names).toEqual(['单位5', '单位4', '单位3']);
    expect(out.red).toEqual([0, 3, 3]);
    expect(out.yellow).toEqual([4, 0, 2]);
  });

  it('lightTotals', () => {
    expect(lightTotals([dept(1, 1, 2, 10), dept(2, 3, 0)])).toEqual({ yellow: 4, red: 2, open: 13 });
  });

  it('hourSeries sums lines per hour up to the hour given or the last hour with calls', () => {
    const hours = [
      { line: 'a', hour: 0, ...summary({ offered: 2, answered: 1 }) },
      { line: 'b', hour: 0, ...summary({ offered: 1, answered: 1 }) },
      { line: 'a', hour: 2, ...summary({ offered: 5, answered: 4 }) },
      { line: 'a', hour: 9, ...summary({ offered: 7, answered: 7 }) },
    ];
    const s = hourSeries({ hours: hours.slice(0, 3) }, 2);
    expect(s.labels).toEqual(['00时', '01时', '02时']);
    expect(s.offered).toEqual([3, 0, 5]);
    expect(s.answered).toEqual([2, 0, 4]);
    expect(hourSeries(null).labels).toHaveLength(24);
    // Data past the hour given is never hidden.
    expect(hourSeries({ hours }, 1).labels).toHaveLength(10);
    expect(hourSeries({ hours }, 1).offered[9]).toBe(7);
  });

  it('asCallMetrics accepts the metrics shape only', () => {
    const m: CallMetrics = { date: '2026-11-28', now: { waiting: 1, agents: {} }, lines: [], hours: [] };
    expect(asCallMetrics(m)).toBe(m);
    expect(asCallMetrics(undefined)).toBeNull();
    expect(asCallMetrics({ now: {} })).toBeNull();
    expect(asCallMetrics('x')).toBeNull();
  });
});

describe('the wallboard charts', () => {
  it('stack each department’s red and yellow bars, worst on top, in the font size given', () => {
    const o = deptChartOption([dept(1, 1, 0), dept(3, 2, 3)], 15);
    expect(o.yAxis.data).toEqual(['单位1', '单位3']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['超期', [0, 3]],
      ['预警', [1, 2]],
    ]);
    expect(o.legend.textStyle.fontSize).toBe(15);
  });

  it('draw calls offered as bars and answered as a line per hour', () => {
    const m: CallMetrics = {
      date: '2026-11-28',
      now: { waiting: 0, agents: {} },
      lines: [],
      hours: [{ line: '12345', hour: 1, ...summary({ offered: 4, answered: 3 }) }],
    };
    const o = hourChartOption(m, 2, 12);
    expect(o.xAxis.data).toEqual(['00时', '01时', '02时']);
    expect(o.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['呼入', 'bar', [0, 4, 0]],
      ['接通', 'line', [0, 3, 0]],
    ]);
  });
});

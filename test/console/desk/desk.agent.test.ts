import { describe, expect, it } from 'vitest';
import {
  type AgentEvent,
  type AgentStatus,
  agentStateLabel,
  agentStatusLabel,
  callOutcomeLabel,
  INITIAL_AGENT,
  stepAgent,
} from '../../../agent-console/src/views/desk/agent.logic.js';
import { formatClock } from '../../../agent-console/src/views/desk/call.logic.js';

describe('labels', () => {
  it.each([
    ['ready', '就绪'],
    ['not_ready', '小休'],
    ['wrap_up', '话后整理'],
    ['busy', '通话中'],
    ['offline', '离线'],
    [null, '未知'],
    ['weird', 'weird'],
  ])('agent state %s → %s', (state, label) => expect(agentStateLabel(state)).toBe(label));
  it.each([
    ['abandoned_queue', '排队中挂断'],
    ['answered', '已接通'],
    [null, ''],
    ['x', 'x'],
  ])('call outcome %s → %s', (o, label) => expect(callOutcomeLabel(o)).toBe(label));
  it.each([
    [0, '00:00'],
    [61_500, '01:01'],
    [3_723_000, '1:02:03'],
    [-5, '00:00'],
  ])('clock %d → %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});

describe('stepAgent: GET /api/agents/me, pushes and own changes', () => {
  const me = { agentNo: '1001', state: 'not_ready', stateSince: '2026-11-27T08:30:00.000+08:00' };
  const known: AgentStatus = {
    agentNo: '1001',
    state: 'ready',
    since: '2026-11-27T09:00:00.000+08:00',
    version: 3,
    lookup: 'loaded',
  };
  const cases: { name: string; from: AgentStatus; events: AgentEvent[]; want: Partial<AgentStatus> }[] = [
    {
      name: 'the desk opens after a reload: the server’s state, not 未知',
      from: INITIAL_AGENT,
      events: [{ type: 'me', asked: 0, me }],
      want: { agentNo: '1001', state: 'not_ready', since: me.stateSince, lookup: 'loaded', version: 0 },
    },
    {
      name: 'a push while the GET was out wins over the older answer',
      from: INITIAL_AGENT,
      events: [
        { type: 'pushed', agent: '1001', state: 'busy', at: '2026-11-27T09:10:00.000+08:00' },
        { type: 'me', asked: 0, me },
      ],
      want: {
        agentNo: '1001',
        state: 'busy',
        since: '2026-11-27T09:10:00.000+08:00',
        lookup: 'loaded',
        version: 1,
      },
    },
    {
      name: 'an own change while the GET was out wins too',
      from: known,
      events: [
        { type: 'set', agent: '1001', state: 'wrap_up', at: '2026-11-27T09:20:00.000+08:00' },
        { type: 'me', asked: 3, me },
      ],
      want: { state: 'wrap_up', since: '2026-11-27T09:20:00.000+08:00', version: 4 },
    },
    {
      name: 'after a reconnect the answer replaces what the missed pushes left',
      from: known,
      events: [{ type: 'me', asked: 3, me: { ...me, state: 'busy' } }],
      want: { state: 'busy', since: me.stateSince },
    },
    {
      name: '404: not an agent',
      from: INITIAL_AGENT,
      events: [{ type: 'missing', asked: 0 }],
      want: { agentNo: null, state: null, lookup: 'missing' },
    },
    {
      name: 'a failed read keeps what is known',
      from: known,
      events: [{ type: 'failed', asked: 3 }],
      want: { agentNo: '1001', state: 'ready', lookup: 'failed' },
    },
    {
      name: 'a push for another agent is not ours',
      from: known,
      events: [{ type: 'pushed', agent: '1002', state: 'busy', at: '2026-11-27T09:30:00.000+08:00' }],
      want: { state: 'ready', version: 3 },
    },
    {
      name: 'setting the same state keeps its since',
      from: known,
      events: [{ type: 'set', agent: '1001', state: 'ready', at: '2026-11-27T09:40:00.000+08:00' }],
      want: { state: 'ready', since: known.since, version: 4 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.events.reduce(stepAgent, c.from)).toMatchObject(c.want));

  it.each([
    [{ state: null, lookup: 'pending' }, '读取中'],
    [{ state: null, lookup: 'missing' }, '未配置坐席'],
    [{ state: null, lookup: 'failed' }, '未知'],
    [{ state: null, lookup: 'loaded' }, '未知'],
    [{ state: 'busy', lookup: 'failed' }, '通话中'],
    [{ state: 'ready', lookup: 'loaded' }, '就绪'],
  ] as [Pick<AgentStatus, 'state' | 'lookup'>, string][])('label %o → %s', (s, label) =>
    expect(agentStatusLabel(s)).toBe(label),
  );
});

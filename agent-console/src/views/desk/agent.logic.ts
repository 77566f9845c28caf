// The operator's own agent on the desk: its state as events and the agent's own changes move it, and the words
// for agent states, call outcomes and queues. No Vue, no DOM: unit-tested in test/console/desk.
import type { AgentState, SettableAgentState } from '../../api/calls.js';

// ---------------------------------------------------------------- agent state and call words

export const AGENT_STATE_LABELS: Record<AgentState, string> = {
  ready: '就绪',
  not_ready: '小休',
  wrap_up: '话后整理',
  busy: '通话中',
  offline: '离线',
};

/** The buttons of the state bar, in order. */
export const SETTABLE_STATES: readonly SettableAgentState[] = ['ready', 'not_ready', 'wrap_up'];

export function agentStateLabel(state: string | null | undefined): string {
  if (!state) return '未知';
  return AGENT_STATE_LABELS[state as AgentState] ?? state;
}

/** Element Plus tag type of an agent state. */
export function agentStateTag(
  state: string | null | undefined,
): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (state) {
    case 'ready':
      return 'success';
    case 'busy':
      return 'danger';
    case 'wrap_up':
      return 'primary';
    case 'not_ready':
      return 'warning';
    default:
      return 'info';
  }
}

// ---------------------------------------------------------------- the operator's own agent

/**
 * What the desk knows of the operator's agent: read with `GET /api/agents/me` when the desk opens and after
 * a reconnect, then kept current by the live push (`agent:state`) and the console's own state changes.
 */
export interface AgentStatus {
  agentNo: string | null;
  state: string | null;
  since: string | null;
  /** Bumped by every push and own change: a `GET` answer asked before one of them is older than what we know. */
  version: number;
  /** The last `GET /api/agents/me`: not answered yet, answered, 404 (no agent number), or failed. */
  lookup: 'pending' | 'loaded' | 'missing' | 'failed';
}

export const INITIAL_AGENT: AgentStatus = {
  agentNo: null,
  state: null,
  since: null,
  version: 0,
  lookup: 'pending',
};

export type AgentEvent =
  /** `GET /api/agents/me` answered; `asked` is the `version` when it was asked. */
  | { type: 'me'; asked: number; me: { agentNo: string; state: string; stateSince: string } }
  /** `GET /api/agents/me` answered 404: this operator is not an agent. */
  | { type: 'missing'; asked: number }
  | { type: 'failed'; asked: number }
  /** `agent:state` pushed by the server. */
  | { type: 'pushed'; agent: string; state: string; at: string }
  /** The answer of the console's own `POST /api/agents/me/state` (`at`: browser clock, the answer has none). */
  | { type: 'set'; agent: string; state: string; at: string };

/** The agent after one event; a `GET` answer never overwrites a push or own change that came after it was asked. */
export function stepAgent(s: AgentStatus, e: AgentEvent): AgentStatus {
  switch (e.type) {
    case 'me':
      if (e.asked !== s.version) return { ...s, agentNo: s.agentNo ?? e.me.agentNo, lookup: 'loaded' };
      return {
        ...s,
        agentNo: e.me.agentNo,
        state: e.me.state,
        since: e.me.stateSince,
        lookup: 'loaded',
      };
    case 'missing':
      if (e.asked !== s.version) return s;
      return { ...s, agentNo: null, state: null, since: null, lookup: 'missing' };
    case 'failed':
      return { ...s, lookup: 'failed' };
    case 'pushed':
      // Operators get their own agent's changes only; keep to the known number once there is one.
      if (s.agentNo && e.agent !== s.agentNo) return s;
      return {
        agentNo: e.agent,
        state: e.state,
        since: e.at,
        version: s.version + 1,
        lookup: s.lookup === 'missing' ? 'loaded' : s.lookup,
      };
    case 'set':
      return {
        ...s,
        agentNo: e.agent,
        state: e.state,
        since: s.state === e.state && s.since ? s.since : e.at,
        version: s.version + 1,
      };
  }
}

/**
 * The call panel's words when no call is on the desk, by the agent's state (the words of the state tag: 就绪,
 * 小休, 话后整理, 通话中, 离线): ready agents are told they wait, the others how to start taking calls.
 */
export function noCallText(s: Pick<AgentStatus, 'state' | 'lookup'>): string {
  switch (s.state) {
    case 'ready':
      return '已就绪，等待来电';
    case 'busy':
      return '通话中';
    case 'not_ready':
      return '小休中：设为「就绪」后，来电在此振铃';
    case 'wrap_up':
      return '话后整理中：设为「就绪」后，来电在此振铃';
    case 'offline':
      return '已离线：设为「就绪」后，来电在此振铃';
    default:
      if (s.lookup === 'missing') return '本账号未配置坐席工号，不会有来电振铃';
      if (s.lookup === 'pending') return '暂无来电';
      return '暂无来电：设为「就绪」后，来电在此振铃';
  }
}

/** The state tag's words: the state, or why there is none (读取中 / 未配置坐席 / 未知). */
export function agentStatusLabel(s: Pick<AgentStatus, 'state' | 'lookup'>): string {
  if (s.state) return agentStateLabel(s.state);
  if (s.lookup === 'pending') return '读取中';
  if (s.lookup === 'missing') return '未配置坐席';
  return agentStateLabel(null);
}

export const CALL_OUTCOME_LABELS: Record<string, string> = {
  in_progress: '进行中',
  answered: '已接通',
  abandoned_ivr: '语音导航中挂断',
  abandoned_queue: '排队中挂断',
  forwarded: '已转接',
  callback: '预约回拨',
  voicemail: '留言',
  ended_in_ivr: '自助服务结束',
};

export function callOutcomeLabel(outcome: string | null | undefined): string {
  if (!outcome) return '';
  return CALL_OUTCOME_LABELS[outcome] ?? outcome;
}

export const QUEUE_LABELS: Record<string, string> = {
  general: '普通话务',
  enterprise: '涉企专席',
  dialect: '方言专席',
};

export function queueLabel(queue: string | null | undefined): string {
  if (!queue) return '';
  return QUEUE_LABELS[queue] ?? queue;
}

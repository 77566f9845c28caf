// Endpoints of the calls module the operator desk uses (server/calls/calls.routes.ts, docs/calls.md):
// the agent's own agent and state, call records and the callback tasks (漏接回拨).
import { http } from './client.js';
import type { ScreenPop } from './types.js';

/** What an operator may set from the console; `busy` and `offline` come from the gateway. */
export type SettableAgentState = 'ready' | 'not_ready' | 'wrap_up';
export type AgentState = SettableAgentState | 'busy' | 'offline';

/** `POST /api/agents/me/state` answer. */
export interface MyAgent {
  agent: string;
  state: AgentState;
  /** Since when, by the server's clock. */
  stateSince: string;
  skills: string[];
}

/** `GET /api/agents/me`: the operator's own agent (404 when the operator has no agent number). */
export interface AgentInfo {
  userId: number;
  agentNo: string;
  skills: string[];
  state: AgentState | string;
  stateSince: string;
  /** The call the agent is on or is being rung with, with its screen pop (a console reloaded mid-call). */
  currentCall?: { answered: boolean; pop: ScreenPop } | null;
}

export type CallOutcome =
  | 'in_progress'
  | 'answered'
  | 'abandoned_ivr'
  | 'abandoned_queue'
  | 'forwarded'
  | 'callback'
  | 'voicemail'
  | 'ended_in_ivr';

/** `GET /api/calls`, `GET /api/calls/{id}` */
export interface CallRecord {
  id: string;
  from: string;
  line: string;
  ivrPath: string[];
  queue: string | null;
  offeredAt: string;
  waitSeconds: number | null;
  agent: string | null;
  answeredAt: string | null;
  talkSeconds: number | null;
  endedAt: string | null;
  outcome: CallOutcome;
  recording: { url: string; seconds: number | null } | null;
  satisfaction: string | null;
}

export type CallbackStatus = 'open' | 'claimed' | 'closed';

/** `GET /api/callbacks`: one 漏接回拨 task per caller's number; later attempts fold into it. */
export interface CallbackTask {
  id: number;
  phone: string;
  line: string;
  reason: string;
  status: CallbackStatus;
  attempts: number;
  lastCallAt: string;
  /** The user id of whoever claimed it, and their name. */
  claimedBy: number | null;
  claimedByName: string | null;
  outcome: string | null;
  /** Messages left from the number since the task's first call (留言), oldest first; `recording` comes later. */
  voicemails: { callId: string; at: string; recording: { url: string; seconds: number | null } | null }[];
  createdAt: string;
}

export const callsApi = {
  /** The operator's own agent: number, skill queues, current state and since when. */
  me: (signal?: AbortSignal) => http.get<AgentInfo>('/api/agents/me', undefined, signal),
  /** 409 (通话中不能更改坐席状态) while the agent is busy on a call. */
  setMyState: (state: SettableAgentState) => http.post<MyAgent>('/api/agents/me/state', { state }),
  list: (query: { from?: string; line?: string; date?: string; limit?: number } = {}, signal?: AbortSignal) =>
    http.get<CallRecord[]>('/api/calls', query, signal),
  get: (id: string) => http.get<CallRecord>(`/api/calls/${encodeURIComponent(id)}`),
  /** Open and claimed tasks unless a status is given. */
  callbacks: (status?: CallbackStatus, signal?: AbortSignal) =>
    http.get<CallbackTask[]>('/api/callbacks', { status }, signal),
  claimCallback: (id: number) => http.post<CallbackTask>(`/api/callbacks/${id}/claim`),
  closeCallback: (id: number, outcome: string) =>
    http.post<CallbackTask>(`/api/callbacks/${id}/close`, { outcome }),
};

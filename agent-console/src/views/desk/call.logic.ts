// The desk's calls: the current call as live events (and a reload mid-call) move it, and the callback task
// list (漏接回拨) as `callback:update` moves it. No Vue, no DOM: unit-tested in test/console/desk.
import type { CallbackStatus, CallbackTask } from '../../api/calls.js';
import type { ScreenPop } from '../../api/types.js';
import { OPEN_STATUSES } from './desk.js';

// ---------------------------------------------------------------- callback tasks

export const CALLBACK_STATUS_LABELS: Record<CallbackStatus, string> = {
  open: '待回拨',
  claimed: '已认领',
  closed: '已关闭',
};

export function callbackStatusLabel(status: string): string {
  return CALLBACK_STATUS_LABELS[status as CallbackStatus] ?? status;
}

/** The flows' own callback reasons are codes (ivr-flows/*.json `callback` nodes); the server's are words. */
const CALLBACK_REASON_LABELS: Record<string, string> = {
  busy: '排队等待过长，来电要求回拨',
  offline: '无人值守或非工作时间，来电要求回拨',
};

export function callbackReasonLabel(reason: string): string {
  return CALLBACK_REASON_LABELS[reason] ?? reason;
}

/** A length of time in seconds as lists show it (a message, a talk): 42秒, 1分05秒; nothing when unknown. */
export function durationLabel(seconds: number | null): string {
  if (seconds === null) return '';
  return seconds < 60
    ? `${seconds}秒`
    : `${Math.floor(seconds / 60)}分${String(seconds % 60).padStart(2, '0')}秒`;
}

/**
 * The open callback list after a `callback:update`: a closed task leaves it, a known one is replaced, a new
 * one joins; newest call first, as the server lists them.
 */
export function applyCallbackUpdate(list: readonly CallbackTask[], task: CallbackTask): CallbackTask[] {
  const others = list.filter((t) => t.id !== task.id);
  if (task.status === 'closed') return others;
  return [...others, task].sort((a, b) =>
    a.lastCallAt === b.lastCallAt ? b.id - a.id : a.lastCallAt < b.lastCallAt ? 1 : -1,
  );
}

/** Who has a callback task in hand, as the list shows it. */
export function claimerLabel(task: CallbackTask, myUserId: number | null | undefined): string {
  if (task.claimedBy === null) return '';
  if (task.claimedBy === myUserId) return '我';
  return task.claimedByName ?? `话务员 #${task.claimedBy}`;
}

/** Whether this user may close a task: one claimed by someone else is theirs, unless a supervisor or admin steps in. */
export function canCloseCallback(
  task: CallbackTask,
  user: { id: number; role: string } | null | undefined,
): boolean {
  if (!user) return false;
  return (
    task.claimedBy === null ||
    task.claimedBy === user.id ||
    user.role === 'supervisor' ||
    user.role === 'admin'
  );
}

// ---------------------------------------------------------------- the current call

export type CallPhase = 'ringing' | 'answered' | 'ended' | 'missed';

export const CALL_PHASE_LABELS: Record<CallPhase, string> = {
  ringing: '振铃中',
  answered: '通话中',
  ended: '已结束',
  missed: '未接听',
};

/** The call on the desk: what rang (with its screen pop), and where it is now. Times are ms (browser clock). */
export interface CurrentCall {
  callId: string;
  from: string;
  line: string;
  queue: string | null;
  phase: CallPhase;
  /** The screen pop of `call:offered`, or of `call:answered` when the desk did not see the call ring. */
  pop: ScreenPop | null;
  ringAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  /** Tickets this desk registered linked to the call (several: one caller, separate appeals). */
  registered: string[];
}

export type CallEvent =
  | { type: 'offered'; pop: ScreenPop; at: number }
  | { type: 'answered'; callId: string; from: string; line: string; pop?: ScreenPop; at: number }
  | { type: 'ended'; callId: string; outcome: string; at: number }
  | { type: 'agent_state'; state: string; at: number };

/**
 * The desk's call once `GET /api/agents/me` says which call the agent is on or is rung with: a desk opened or
 * reloaded mid-call shows it again, screen pop included. A call the desk already follows is left as it is.
 */
export function resumeCall(
  current: CurrentCall | null,
  onServer: { answered: boolean; pop: ScreenPop } | null | undefined,
  at: number,
): CurrentCall | null {
  if (!onServer) return current;
  if (current && current.callId === onServer.pop.callId && current.phase !== 'ended') return current;
  const ringing = stepCall(null, { type: 'offered', pop: onServer.pop, at });
  if (!onServer.answered) return ringing;
  const { callId, from, line } = onServer.pop;
  return stepCall(ringing, { type: 'answered', callId, from, line, at });
}

/** The desk's current call after a live event (call:offered / call:answered / call:ended / agent:state). */
export function stepCall(current: CurrentCall | null, e: CallEvent): CurrentCall | null {
  switch (e.type) {
    case 'offered':
      return {
        callId: e.pop.callId,
        from: e.pop.from,
        line: e.pop.line,
        queue: e.pop.queue,
        phase: 'ringing',
        pop: e.pop,
        ringAt: e.at,
        answeredAt: null,
        endedAt: null,
        outcome: null,
        registered: [],
      };
    case 'answered':
      if (current && current.callId === e.callId)
        return { ...current, phase: 'answered', answeredAt: e.at, pop: current.pop ?? e.pop ?? null };
      return {
        callId: e.callId,
        from: e.from,
        line: e.line,
        queue: e.pop?.queue ?? null,
        phase: 'answered',
        pop: e.pop ?? null,
        ringAt: e.at,
        answeredAt: e.at,
        endedAt: null,
        outcome: null,
        registered: [],
      };
    case 'ended':
      if (!current || current.callId !== e.callId || current.phase === 'ended') return current;
      return { ...current, phase: 'ended', endedAt: e.at, outcome: e.outcome };
    case 'agent_state':
      // A call that rang and was not picked up: the server took the agent off (not_ready) and rings the next one.
      if (current?.phase === 'ringing' && e.state !== 'busy')
        return { ...current, phase: 'missed', endedAt: e.at };
      return current;
  }
}

/** The caller is on the line (or being rung): tickets registered now belong to this call. */
export function isLive(call: Pick<CurrentCall, 'phase'> | null | undefined): boolean {
  return call?.phase === 'ringing' || call?.phase === 'answered';
}

/**
 * The call a fresh registration form links to: the live call, or a call that was answered and has just ended
 * with no ticket registered from it yet (the operator registers it after the caller hung up). A call whose
 * ticket is saved, one that was missed or hung up before it was answered, is no longer in hand.
 */
export function callInHand(call: CurrentCall | null | undefined): CurrentCall | null {
  if (!call) return null;
  if (isLive(call)) return call;
  if (call.phase === 'ended' && call.answeredAt !== null && call.registered.length === 0) return call;
  return null;
}

/** The call after this desk registered ticket `no` linked to call `callId` (a ticket linked elsewhere changes nothing). */
export function withRegistered(
  call: CurrentCall,
  callId: string | null | undefined,
  no: string,
): CurrentCall {
  if (!callId || call.callId !== callId || call.registered.includes(no)) return call;
  return { ...call, registered: [...call.registered, no] };
}

/** The call with a ticket just registered for its caller at the top of the screen pop (once). */
export function withTicket(
  call: CurrentCall,
  t: { no: string; title: string; status: string; createdAt: string; caller: { phone: string } },
): CurrentCall {
  if (!call.pop || t.caller.phone !== call.from || call.pop.tickets.some((x) => x.no === t.no)) return call;
  const open = (OPEN_STATUSES as readonly string[]).includes(t.status);
  const entry = { no: t.no, title: t.title, status: t.status, open, createdAt: t.createdAt };
  return { ...call, pop: { ...call.pop, tickets: [entry, ...call.pop.tickets] } };
}

/** `03:25` / `1:02:03`: a call's running time. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

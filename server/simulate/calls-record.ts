import type { CallerKind } from './calls-callers.js';

/** How a simulated call ended, as the simulator saw it (the server keeps its own outcome). */
export type SimOutcome =
  | 'answered'
  | 'abandoned'
  | 'callback'
  | 'voicemail'
  | 'forwarded'
  | 'ivr'
  | 'stopped';

/** One call the simulator placed, from `call.offered` to `call.ended`. */
export interface SimCall {
  id: string;
  from: string;
  line: string;
  kind: CallerKind;
  /** A general caller who lets the menu time out instead of pressing 0. */
  waits: boolean;
  phase: 'ivr' | 'queued' | 'ringing' | 'talking' | 'survey' | 'ended';
  offeredAt: number;
  enqueuedAt: number | null;
  answeredAt: number | null;
  /** The agent who answered; `ringing` is the one the server bridged to, until answered. */
  agent: string | null;
  ringing: string | null;
  /** A `hangup-in-queue` caller's hang-up is scheduled. */
  impatient: boolean;
  callback: boolean;
  voicemail: boolean;
  forwarded: boolean;
  /** The caller heard a ticket's status (self-service) before hanging up. */
  selfService: boolean;
  survey: string | null;
  outcome: SimOutcome | null;
  timers: Set<NodeJS.Timeout>;
}

export interface CallsSimulatorStats {
  offered: number;
  answered: number;
  /** Hung up before an agent answered (in the queue, while ringing, or at a menu). */
  abandoned: number;
  /** The caller asked for a callback in the IVR (abandoned calls get callback tasks as well). */
  callbacks: number;
  voicemails: number;
  forwarded: number;
  /** Ended in the IVR: self-service status checks, unknown lines, menus that ran out. */
  endedInIvr: number;
  /** Still on the line when the simulator stopped (ended by it). */
  stopped: number;
  /** On the line now. */
  active: number;
  /** Seconds from the first `enqueue` to `call.answered`, over answered calls (real time). */
  averageWaitSec: number | null;
  longestWaitSec: number | null;
  surveys: Record<'1' | '2' | '3', number>;
  byLine: Record<string, number>;
  byKind: Partial<Record<CallerKind, number>>;
  calls: {
    id: string;
    from: string;
    line: string;
    kind: CallerKind;
    outcome: SimOutcome | null;
    agent: string | null;
    survey: string | null;
    waitSec: number | null;
  }[];
}

/** What happened to a call, from what the gateway saw and how it ended. */
export function outcomeOf(call: SimCall, reason: string): SimOutcome {
  if (call.answeredAt !== null) return 'answered';
  if (call.callback) return 'callback';
  if (call.voicemail) return 'voicemail';
  if (call.forwarded) return 'forwarded';
  if (reason === 'simulator_stopped') return 'stopped';
  if (reason === 'caller_hangup' && !call.selfService) return 'abandoned';
  return 'ivr';
}

export const waitSecOf = (call: SimCall): number | null =>
  call.enqueuedAt === null || call.answeredAt === null ? null : (call.answeredAt - call.enqueuedAt) / 1000;

export function statsOf(calls: Iterable<SimCall>): CallsSimulatorStats {
  const s: CallsSimulatorStats = {
    offered: 0,
    answered: 0,
    abandoned: 0,
    callbacks: 0,
    voicemails: 0,
    forwarded: 0,
    endedInIvr: 0,
    stopped: 0,
    active: 0,
    averageWaitSec: null,
    longestWaitSec: null,
    surveys: { '1': 0, '2': 0, '3': 0 },
    byLine: {},
    byKind: {},
    calls: [],
  };
  const waits: number[] = [];
  const counter: Record<SimOutcome, keyof CallsSimulatorStats> = {
    answered: 'answered',
    abandoned: 'abandoned',
    callback: 'callbacks',
    voicemail: 'voicemails',
    forwarded: 'forwarded',
    ivr: 'endedInIvr',
    stopped: 'stopped',
  };
  for (const c of calls) {
    s.offered += 1;
    s.byLine[c.line] = (s.byLine[c.line] ?? 0) + 1;
    s.byKind[c.kind] = (s.byKind[c.kind] ?? 0) + 1;
    if (c.outcome === null) s.active += 1;
    else (s[counter[c.outcome]] as number) += 1;
    if (c.survey === '1' || c.survey === '2' || c.survey === '3') s.surveys[c.survey] += 1;
    const wait = waitSecOf(c);
    if (wait !== null) waits.push(wait);
    s.calls.push({
      id: c.id,
      from: c.from,
      line: c.line,
      kind: c.kind,
      outcome: c.outcome,
      agent: c.agent,
      survey: c.survey,
      waitSec: wait,
    });
  }
  if (waits.length > 0) {
    s.averageWaitSec = waits.reduce((a, b) => a + b, 0) / waits.length;
    s.longestWaitSec = Math.max(...waits);
  }
  return s;
}

const sec = (n: number | null) => (n === null ? '–' : `${n.toFixed(1)} s`);

/** The summary line printed on exit. */
export function summaryOf(s: CallsSimulatorStats): string {
  const parts = [
    `offered ${s.offered}`,
    `answered ${s.answered}`,
    `abandoned ${s.abandoned}`,
    `callbacks ${s.callbacks}`,
  ];
  if (s.voicemails) parts.push(`voicemail ${s.voicemails}`);
  if (s.forwarded) parts.push(`forwarded ${s.forwarded}`);
  if (s.endedInIvr) parts.push(`ended in IVR ${s.endedInIvr}`);
  if (s.stopped) parts.push(`cut off at stop ${s.stopped}`);
  if (s.active) parts.push(`still on the line ${s.active}`);
  const rated = s.surveys['1'] + s.surveys['2'] + s.surveys['3'];
  return (
    `${parts.join(', ')}; average wait ${sec(s.averageWaitSec)} (longest ${sec(s.longestWaitSec)})` +
    (rated ? `; survey 满意 ${s.surveys['1']}, 基本满意 ${s.surveys['2']}, 不满意 ${s.surveys['3']}` : '')
  );
}

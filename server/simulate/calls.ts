import { randomBytes } from 'node:crypto';
import { toIso } from '../core/clock.js';
import { createAgents } from './calls-agents.js';
import { type CallerKind, DEFAULT_LINES, DEFAULT_MIX, PENGLAI_CALLERS, pickShare } from './calls-callers.js';
import { callerHandlers } from './calls-commands.js';
import { ctiUrl, type GatewayLinkClient, openGatewayLink, type ServerFrame } from './calls-gateway.js';
import { type CallsSimulatorStats, outcomeOf, type SimCall, statsOf } from './calls-record.js';
import { clockTime, type Out, stdoutSink } from './output.js';

export { CALLER_KINDS, type CallerKind } from './calls-callers.js';
export type { CallsSimulatorStats, SimOutcome } from './calls-record.js';

/** The server's CTI token in demo mode. */
export const DEMO_CTI_TOKEN = 'demo-cti-token';

export interface CallsSimulatorOptions {
  /** Our server, e.g. `http://127.0.0.1:3000`; the gateway connects to `ws://…/cti`. */
  url: string;
  /** The server's CTI_TOKEN. */
  token?: string;
  /** Calls per second on average (arrivals are random, as real ones are). */
  rate?: number;
  /** Stop offering after this many calls; null = never stop. */
  count?: number | null;
  /** Share of calls per dialled line. */
  lines?: Record<string, number>;
  /** Share of calls per kind of caller. */
  mix?: Partial<Record<CallerKind, number>>;
  /** Agent numbers the simulator plays (set ready, answer, talk, leave); [] = none. */
  agents?: readonly string[];
  /** Pick up bridges to agents it does not play (real operators without a phone). */
  autoAnswer?: boolean;
  /** Divides every wait of callers and agents (not the server's own timers). */
  speed?: number;
  /** The callers' phone numbers; repeats give screen pops with history. */
  callers?: readonly string[];
  out?: Out;
  random?: () => number;
}

/** Plays the telephony gateway against a running server: callers on one side, agents on the other. */
export async function startCallsSimulator(options: CallsSimulatorOptions) {
  const out = options.out ?? stdoutSink;
  const random = options.random ?? Math.random;
  const rate = options.rate ?? 0.2;
  const count = options.count ?? null;
  const speed = options.speed ?? 1;
  const lines = options.lines ?? DEFAULT_LINES;
  const mix = { ...(options.mix ?? DEFAULT_MIX) } as Record<CallerKind, number>;
  const callers = options.callers ?? PENGLAI_CALLERS;
  if (callers.length === 0) throw new Error('no caller numbers');
  const calls = new Map<string, SimCall>();
  const strangers = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const now = () => Date.now();
  const run = `${clockTime(now()).replaceAll(':', '')}${randomBytes(2).toString('hex').slice(0, 3)}`;
  let seq = 0;
  let stopped = false;
  let offerTimer: NodeJS.Timeout | null = null;
  let linkDown = false;
  let settle: (() => void) | null = null;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const note = (what: string) => out(`${clockTime(now())} ${what}`);
  const say = (call: SimCall, what: string) =>
    out(`${clockTime(now())}  ${call.id}  ${call.from} → ${call.line.padEnd(5)}  ${what}`);
  const alive = (call: SimCall) => !stopped && call.phase !== 'ended';
  const cancel = (timer: NodeJS.Timeout) => {
    clearTimeout(timer);
    timers.delete(timer);
  };
  const at = (ms: number, call: SimCall | null, fn: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      call?.timers.delete(timer);
      if (stopped || (call && !alive(call))) return;
      fn();
    }, ms);
    timers.add(timer);
    call?.timers.add(timer);
    return timer;
  };
  const after = (call: SimCall | null, [min, max]: readonly [number, number], fn: () => void) =>
    at(((min + random() * (max - min)) * 1000) / speed, call, fn);

  let link: GatewayLinkClient | null = null;
  const send = (frame: Record<string, unknown>) => link?.send(frame);
  const agents = createAgents(
    { send, say, note, after, cancel, alive, now },
    { virtual: options.agents ?? [], autoAnswer: options.autoAnswer ?? false },
  );

  function checkSettled(): void {
    if (count !== null && seq >= count && [...calls.values()].every((c) => c.phase === 'ended')) settle?.();
  }

  /** The caller (or the gateway for them) ends the call; `call.ended` goes to the server. */
  function end(call: SimCall, reason: string, what?: string): void {
    if (call.phase === 'ended') return;
    for (const t of call.timers) cancel(t);
    call.timers.clear();
    call.outcome = outcomeOf(call, reason);
    call.phase = 'ended';
    send({ type: 'call.ended', callId: call.id, reason, at: toIso(now()) });
    say(call, `${what ? `${what}; ` : ''}ended (${reason}) → ${call.outcome}`);
    agents.ended(call);
    checkSettled();
  }

  function offer(): void {
    seq += 1;
    const call: SimCall = {
      id: `sim-${run}-${String(seq).padStart(4, '0')}`,
      from: callers[Math.floor(random() * callers.length)]!,
      line: pickShare(lines, random),
      kind: pickShare(mix, random),
      waits: random() < 0.3,
      phase: 'ivr',
      offeredAt: now(),
      enqueuedAt: null,
      answeredAt: null,
      agent: null,
      ringing: null,
      impatient: false,
      callback: false,
      voicemail: false,
      forwarded: false,
      selfService: false,
      survey: null,
      outcome: null,
      timers: new Set(),
    };
    calls.set(call.id, call);
    send({
      type: 'call.offered',
      callId: call.id,
      from: call.from,
      to: call.line,
      at: toIso(call.offeredAt),
    });
    say(call, `offered (${call.kind})`);
  }

  const handlers = callerHandlers({ send, say, after, now, random, end, bridge: agents.bridge });

  function onCommand(f: ServerFrame): void {
    const call = typeof f.callId === 'string' ? calls.get(f.callId) : undefined;
    if (!call) {
      // Left over from an earlier run (or another gateway): tell the server the call is gone.
      if (typeof f.callId === 'string' && f.type !== 'hangup' && !strangers.has(f.callId)) {
        strangers.add(f.callId);
        note(`⚠ ${f.type} for call ${f.callId}, not one of ours (an earlier run?): ended`);
        send({ type: 'call.ended', callId: f.callId, reason: 'unknown_call', at: toIso(now()) });
      }
      return;
    }
    if (call.phase === 'ended') return;
    handlers[f.type]?.(call, f);
  }

  link = await openGatewayLink({
    url: options.url,
    token: options.token ?? DEMO_CTI_TOKEN,
    out,
    onCommand,
    onOpen: (again) => {
      if (again) agents.announce(false);
    },
  });
  note(`connected to ${ctiUrl(options.url)}`);
  agents.announce(true);

  const scheduleOffer = () => {
    if (stopped || rate <= 0 || (count !== null && seq >= count)) return;
    // Poisson arrivals: exponential gaps with the mean 1/rate.
    const gap = (-Math.log(1 - random()) / rate) * 1000;
    offerTimer = setTimeout(() => {
      offerTimer = null;
      if (stopped) return;
      // No calls through a gateway that lost the server: callers would hear nothing.
      if (link?.connected()) {
        linkDown = false;
        offer();
      } else if (!linkDown) {
        linkDown = true;
        note('not placing calls until the connection is back');
      }
      scheduleOffer();
    }, gap);
  };
  if (rate > 0 && count !== 0) {
    offer();
    scheduleOffer();
  }
  checkSettled();

  return {
    /** Resolves once --count calls were offered and all have ended (never without a count). */
    settled,
    /** Offers one call now (beyond the rate and count). */
    offer,
    /** Counts so far and one record per call. */
    stats(): CallsSimulatorStats {
      return statsOf(calls.values());
    },
    /** Stops offering, ends the calls still on the line, sets the virtual agents offline, disconnects. */
    async stop(): Promise<void> {
      if (stopped) return;
      if (offerTimer) clearTimeout(offerTimer);
      for (const call of calls.values()) if (call.phase !== 'ended') end(call, 'simulator_stopped');
      agents.offline();
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await link?.close();
    },
  };
}

export type CallsSimulator = Awaited<ReturnType<typeof startCallsSimulator>>;

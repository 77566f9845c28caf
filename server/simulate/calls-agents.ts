import type { SimCall } from './calls-record.js';

/** Seconds (before `--speed`) for each thing an agent does. */
export const AGENT_TIMES = {
  ring: [1, 3],
  talk: [5, 20],
  /** A real operator's call picked up by --auto-answer: time to register a ticket. */
  talkReal: [30, 90],
  wrapUp: [2, 6],
} as const satisfies Record<string, readonly [number, number]>;

/** What the agents need from the simulator around them. */
export interface AgentDeps {
  send(frame: Record<string, unknown>): void;
  say(call: SimCall, what: string): void;
  note(what: string): void;
  /** Runs `fn` after a random time within `range` seconds scaled by --speed; tied to a call if given. */
  after(call: SimCall | null, range: readonly [number, number], fn: () => void): NodeJS.Timeout;
  cancel(timer: NodeJS.Timeout): void;
  alive(call: SimCall): boolean;
  now(): number;
}

interface VirtualAgent {
  no: string;
  /** The call ringing or talking on this agent. */
  callId: string | null;
  /** Wrap-up running, `ready` follows. */
  wrapUp: NodeJS.Timeout | null;
  /** Held back after the server bridged it to a call already answered: ready when that call moves on. */
  heldBy: string | null;
}

/**
 * The virtual agents (`--agents`): ready at start, they answer what the server bridges to them, talk,
 * leave the call to the survey, wrap up and are ready again. A bridge to anyone else is answered only
 * with `autoAnswer`; the call then ends like the others.
 */
export function createAgents(deps: AgentDeps, opts: { virtual: readonly string[]; autoAnswer: boolean }) {
  const agents = new Map<string, VirtualAgent>(
    opts.virtual.map((no) => [no, { no, callId: null, wrapUp: null, heldBy: null }]),
  );

  function setReady(a: VirtualAgent, why: string): void {
    if (a.wrapUp) deps.cancel(a.wrapUp);
    a.wrapUp = null;
    if (a.callId !== null || a.heldBy !== null) return;
    deps.send({ type: 'agent.state', agent: a.no, state: 'ready' });
    if (why) deps.note(`agent ${a.no} ready (${why})`);
  }

  function wrapUp(a: VirtualAgent): void {
    a.callId = null;
    if (a.wrapUp) deps.cancel(a.wrapUp);
    a.wrapUp = deps.after(null, AGENT_TIMES.wrapUp, () => {
      a.wrapUp = null;
      setReady(a, 'after wrap-up');
    });
  }

  function answer(call: SimCall, agentNo: string, a: VirtualAgent | undefined): void {
    if (!deps.alive(call) || call.ringing !== agentNo) return;
    const now = deps.now();
    deps.send({ type: 'call.answered', callId: call.id, agent: agentNo });
    call.answeredAt = now;
    call.agent = agentNo;
    call.ringing = null;
    call.phase = 'talking';
    const waited = call.enqueuedAt === null ? '' : ` after ${((now - call.enqueuedAt) / 1000).toFixed(1)} s`;
    deps.say(call, `answered by ${agentNo}${waited}`);
    deps.after(call, a ? AGENT_TIMES.talk : AGENT_TIMES.talkReal, () => {
      deps.send({ type: 'call.agent_left', callId: call.id });
      call.phase = 'survey';
      deps.say(call, `${agentNo} hung up after ${((deps.now() - now) / 1000).toFixed(1)} s; survey`);
      if (a) wrapUp(a);
      release(call.id);
    });
  }

  /** Agents held back by a call that has now left the queue may take calls again. */
  function release(callId: string): void {
    for (const a of agents.values()) {
      if (a.heldBy !== callId) continue;
      a.heldBy = null;
      setReady(a, 'the double bridge is over');
    }
  }

  return {
    isVirtual: (no: string) => agents.has(no),
    /** After every (re)connection: idle agents report ready (the server may have restarted). */
    announce(first: boolean): void {
      for (const a of agents.values()) if (a.callId === null && !a.wrapUp) setReady(a, '');
      if (first && agents.size > 0) deps.note(`virtual agents ready: ${[...agents.keys()].join(', ')}`);
    },
    /** A `bridge` command: ring the agent and answer when we play that agent (or --auto-answer). */
    bridge(call: SimCall, agentNo: string): void {
      const a = agents.get(agentNo);
      if (call.answeredAt !== null) {
        deps.say(call, `⚠ server bridged it again, to ${agentNo}, though ${call.agent} answered it; refused`);
        deps.send({
          type: 'call.bridge_failed',
          callId: call.id,
          agent: agentNo,
          reason: 'call already answered',
        });
        if (a && a.callId === null) {
          if (a.wrapUp) deps.cancel(a.wrapUp);
          a.wrapUp = null;
          a.heldBy = call.id;
        }
        return;
      }
      if (a && a.callId !== null && a.callId !== call.id) {
        deps.say(call, `⚠ bridged to ${agentNo}, who is on another call; refused`);
        deps.send({ type: 'call.bridge_failed', callId: call.id, agent: agentNo, reason: 'agent busy' });
        return;
      }
      call.ringing = agentNo;
      call.phase = 'ringing';
      if (a) {
        if (a.wrapUp) deps.cancel(a.wrapUp);
        a.wrapUp = null;
        a.heldBy = null;
        a.callId = call.id;
      }
      if (!a && !opts.autoAnswer) {
        deps.say(call, `ringing ${agentNo} (not simulated; nobody picks up without --auto-answer)`);
        return;
      }
      deps.say(call, `ringing ${agentNo}${a ? '' : ' (auto-answer)'}`);
      deps.after(call, AGENT_TIMES.ring, () => answer(call, agentNo, a));
    },
    /** The call ended: its agent (ringing or talking) wraps up, agents it held are free. */
    ended(call: SimCall): void {
      for (const a of agents.values()) if (a.callId === call.id) wrapUp(a);
      release(call.id);
    },
    /** The simulator stops: every virtual agent goes offline, so no call is routed to nobody. */
    offline(): void {
      for (const a of agents.values()) {
        if (a.wrapUp) deps.cancel(a.wrapUp);
        a.wrapUp = null;
        deps.send({ type: 'agent.state', agent: a.no, state: 'offline' });
      }
    },
  };
}

export type Agents = ReturnType<typeof createAgents>;

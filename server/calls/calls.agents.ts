import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { prepared } from '../core/prepared.js';
import type { WriteBatcher } from '../core/write-batch.js';
import { WALLBOARD_ROOMS } from '../realtime/realtime.audience.js';
import { type AgentRow, acd, type CallRow } from './calls.acd.js';
import { type History, screenPop } from './calls.screenpop.js';
import { agents, calls } from './calls.tables.js';
import type { GatewayCommandFrame } from './cti.protocol.js';

export type Push = (rooms: string[], event: string, payload: unknown) => void;

/** What the calls service and its agent routing share; `link` and `push` already wait for the commit. */
export interface CallsContext {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  batcher: Pick<WriteBatcher, 'atomically'>;
  link: { send(cmd: GatewayCommandFrame): void };
  push: Push;
}

export const callById = (db: Db, id: string): CallRow | undefined =>
  prepared(db, 'calls.byId', (d) =>
    d
      .select()
      .from(calls)
      .where(eq(calls.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });

export const agentByNo = (db: Db, no: string): AgentRow | undefined =>
  prepared(db, 'agents.byNo', (d) =>
    d
      .select()
      .from(agents)
      .where(eq(agents.agentNo, sql.placeholder('no')))
      .prepare(),
  ).get({ no });

/** Timer work runs outside any request: a failure is logged (and rolled back), never an uncaught exception. */
export function onTimer(
  log: FastifyBaseLogger,
  what: string,
  about: Record<string, unknown>,
  fn: () => void,
): void {
  try {
    fn();
  } catch (err) {
    log.error({ err, ...about }, `${what} failed`);
  }
}

/**
 * The agents' side of the call centre: their states (pushed to the wallboard and to themselves), waiting calls
 * handed to the longest-idle ready agent with the skill, the ring timeout, and the wrap-up that ends by itself.
 */
export function createAgentRouting(
  ctx: CallsContext,
  opts: {
    ticketHistory: History;
    wrapUpMs: number;
    /** How long a call rings an agent before it goes to the next one (0: only when the gateway says). */
    ringTimeoutMs: number;
  },
) {
  const { db, clock, log, batcher, link, push } = ctx;
  const wrapTimers = new Map<number, NodeJS.Timeout>();

  function setAgentState(agent: AgentRow, state: AgentRow['state']): void {
    if (agent.state === state) return;
    db.update(agents).set({ state, stateSince: clock.now() }).where(eq(agents.userId, agent.userId)).run();
    push([...WALLBOARD_ROOMS, `user:${agent.userId}`], 'agent:state', {
      agent: agent.agentNo,
      state,
      at: toIso(clock.now()),
    });
    if (state !== 'wrap_up') {
      const t = wrapTimers.get(agent.userId);
      if (t) clearTimeout(t);
      wrapTimers.delete(agent.userId);
    }
  }

  /** Hands waiting calls to ready agents, longest wait first, longest idle agent first. */
  function distribute(): void {
    for (const queue of acd.waitingQueues(db)) {
      for (;;) {
        const call = acd.headOf(db, queue);
        const agent = call && acd.readyAgentFor(db, queue);
        if (!call || !agent) break;
        db.update(calls)
          .set({ ringingAgent: agent.agentNo, agentUserId: agent.userId })
          .where(eq(calls.id, call.id))
          .run();
        setAgentState(agent, 'busy');
        link.send({ type: 'bridge', callId: call.id, agent: agent.agentNo });
        push([`user:${agent.userId}`], 'call:offered', screenPop(db, clock.now(), call, opts.ticketHistory));
        watchRinging(call.id, agent.agentNo);
      }
    }
  }

  /** An agent who does not pick up within the ring time loses the call to the next one, like a failed bridge. */
  function watchRinging(callId: string, agentNo: string): void {
    if (opts.ringTimeoutMs <= 0) return;
    const t = setTimeout(
      () =>
        onTimer(log, 'ring timeout', { callId, agent: agentNo }, () =>
          batcher.atomically(() => {
            const call = callById(db, callId);
            if (
              call &&
              call.ringingAgent === agentNo &&
              call.answeredAt === null &&
              call.outcome === 'in_progress'
            ) {
              log.info({ callId, agent: agentNo }, 'agent did not answer in time');
              bridgeFailed(call.id, agentNo);
            }
          }),
        ),
      opts.ringTimeoutMs,
    );
    t.unref();
  }

  /** The call did not reach the agent: they go to 小休, and the call to whoever is next. */
  function bridgeFailed(callId: string, agentNo: string): void {
    const call = callById(db, callId);
    // A frame about a call never offered changes nothing (it used to take a busy agent off the line).
    if (!call) return;
    if (call.answeredAt === null) {
      db.update(calls).set({ ringingAgent: null, agentUserId: null }).where(eq(calls.id, call.id)).run();
    }
    const agent = agentByNo(db, agentNo);
    if (agent) setAgentState(agent, 'not_ready');
    distribute();
  }

  /** 话后整理 after a call, back to ready by itself after the wrap-up time unless the agent chose otherwise. */
  function startWrapUp(agent: AgentRow): void {
    setAgentState(agent, 'wrap_up');
    const t = setTimeout(
      () =>
        onTimer(log, 'wrap-up end', { agent: agent.agentNo }, () => {
          wrapTimers.delete(agent.userId);
          batcher.atomically(() => {
            const now = db.select().from(agents).where(eq(agents.userId, agent.userId)).get();
            if (now?.state === 'wrap_up') {
              setAgentState(now, 'ready');
              distribute();
            }
          });
        }),
      opts.wrapUpMs,
    );
    t.unref();
    wrapTimers.set(agent.userId, t);
  }

  return {
    setAgentState,
    distribute,
    bridgeFailed,
    startWrapUp,
    close(): void {
      for (const t of wrapTimers.values()) clearTimeout(t);
      wrapTimers.clear();
    },
  };
}

import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { conflict } from '../core/errors.js';
import { phoneKey } from '../core/phone.js';
import type { WriteBatcher } from '../core/write-batch.js';
import {
  type CallState,
  type IvrCommand,
  type IvrContext,
  type StepResult,
  startCall,
  step,
} from '../ivr/ivr.engine.js';
import { type FlowSet, type IvrFlow, queuesOf, SURVEY_FLOW_ID } from '../ivr/ivr.flow.js';
import { WALLBOARD_ROOMS } from '../realtime/realtime.audience.js';
import { type AgentRow, acd, type CallRow } from './calls.acd.js';
import {
  createAgentRouting,
  agentByNo as findAgent,
  callById as findCall,
  onTimer,
  type Push,
} from './calls.agents.js';
import {
  CALLBACK_REASON,
  CALLBACK_ROOMS,
  type CallbackTaskRow,
  callbackView,
  openCallbackOf,
  recordCallback,
  voicemailsOf,
} from './calls.callbacks.js';
import { outcomeOf } from './calls.outcome.js';
import { type History, screenPop } from './calls.screenpop.js';
import { agents, calls } from './calls.tables.js';
import type { GatewayLink } from './cti.link.js';
import { type GatewayFrame, gatewayFrameOf } from './cti.protocol.js';

/** A well-formed frame the server will not act on: answered with an error frame, nothing of it kept. */
export class FrameRefused extends Error {}

/** How far a gateway's `call.offered` time may be from the server's clock before the server's is used. */
const OFFERED_AT_SLACK_MS = 86_400_000;

/**
 * The brain behind the telephony gateway (DESIGN.md §6): every call a row, its IVR flow stepped on each
 * event, the queues and their overflow, the survey after the agent leaves, and abandoned calls turned into
 * callback tasks. The agents' states, handing calls to them and wrap-up are in calls.agents.ts.
 */
export function createCallsService(deps: {
  db: Db;
  clock: Clock;
  flows: FlowSet;
  /** The flow answering a dialled line now (an admin may change it: ivr/ivr.lines.ts); default the flows' own. */
  flowForLine?: (line: string) => IvrFlow | undefined;
  link: GatewayLink;
  push: Push;
  ticketHistory: History;
  /** The survey answer goes onto the tickets registered from the call. */
  recordSurvey: (callId: string, satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied') => void;
  ivr: IvrContext;
  wrapUpMs: number;
  /** How long a call rings an agent before it goes to the next one (0: only when the gateway says). */
  ringTimeoutMs: number;
  log: FastifyBaseLogger;
  /** Group commit: commands and pushes go out only once what caused them is committed. */
  batcher: Pick<WriteBatcher, 'afterCommit' | 'atomically'>;
  /** A user's display name (who claimed a callback task). */
  userName?: (userId: number) => string | null;
}) {
  const { db, clock, flows, log, batcher } = deps;
  // Nothing reaches the gateway or a console before the change that caused it is committed.
  const link = {
    send: (cmd: Parameters<GatewayLink['send']>[0]) => batcher.afterCommit(() => deps.link.send(cmd)),
  };
  const push: Push = (rooms, event, payload) => batcher.afterCommit(() => deps.push(rooms, event, payload));
  const nameOf = deps.userName ?? (() => null);
  /** Tells every console that lists callback tasks what became of one (once committed). */
  const viewOf = (task: CallbackTaskRow) => callbackView(task, nameOf, voicemailsOf(db, task));
  const callbackChanged = (task: CallbackTaskRow | null) => {
    if (task) push(CALLBACK_ROOMS, 'callback:update', viewOf(task));
  };
  const overflowTimers = new Map<string, NodeJS.Timeout>();
  const routing = createAgentRouting(
    { db, clock, log, batcher, link, push },
    { ticketHistory: deps.ticketHistory, wrapUpMs: deps.wrapUpMs, ringTimeoutMs: deps.ringTimeoutMs },
  );
  const { setAgentState, distribute, bridgeFailed, startWrapUp } = routing;
  const callById = (id: string) => findCall(db, id);
  const agentByNo = (no: string) => findAgent(db, no);
  const flowOf = (id: string | null): IvrFlow | undefined => (id ? flows.flows.get(id) : undefined);
  const flowForLine = deps.flowForLine ?? ((line: string) => flows.byLine.get(line));

  /** Applies a step's result: gateway commands out, server-side ones done, the state saved, the queue fed. */
  function apply(call: CallRow, result: StepResult): void {
    const { state, commands } = result;
    for (const cmd of commands) runCommand(call, cmd);
    const wasQueued = call.queue !== null && call.answeredAt === null;
    db.update(calls)
      .set({
        flowId: state.flowId,
        ivrState: state as unknown as Record<string, unknown>,
        ivrPath: state.path,
        // An answered call keeps the queue it was answered from, and every call its first queue time:
        // the call record's wait and the 15-second rate count from there.
        queue: call.answeredAt !== null ? call.queue : (state.queue ?? null),
        enqueuedAt: call.enqueuedAt ?? (state.queue ? (state.enqueuedAt ?? clock.now()) : null),
      })
      .where(eq(calls.id, call.id))
      .run();
    if (state.queue && !wasQueued) onQueued(call.id, state);
    if (!state.queue) clearOverflow(call.id);
    if (Boolean(state.queue) !== wasQueued) pushQueues();
  }

  function runCommand(call: CallRow, cmd: IvrCommand): void {
    switch (cmd.type) {
      case 'callback_task':
        callbackChanged(recordCallback(db, clock.now(), call, cmd.reason));
        return;
      case 'survey_result':
        db.update(calls).set({ satisfaction: cmd.satisfaction }).where(eq(calls.id, call.id)).run();
        if (cmd.satisfaction) deps.recordSurvey(call.id, cmd.satisfaction);
        return;
      default:
        link.send(gatewayFrameOf(call.id, cmd));
    }
  }

  function clearOverflow(callId: string): void {
    const t = overflowTimers.get(callId);
    if (t) clearTimeout(t);
    overflowTimers.delete(callId);
  }

  function ivrEvent(callId: string, event: Parameters<typeof step>[2]): void {
    const call = callById(callId);
    const flow = flowOf(call?.flowId ?? null);
    if (!call || !flow || call.outcome !== 'in_progress' || !call.ivrState) return;
    apply(call, step(flow, call.ivrState as unknown as CallState, event, deps.ivr));
  }

  function onQueued(callId: string, state: CallState): void {
    if (!state.queue) return;
    if (!acd.anyoneOnDuty(db, state.queue)) {
      ivrEvent(callId, { type: 'no_agents', at: clock.now() });
      return;
    }
    const flow = flowOf(state.flowId);
    const node = flow && state.node ? flow.nodes[state.node] : undefined;
    const maxWaitSec = node && node.type === 'queue' ? node.maxWaitSec : undefined;
    if (maxWaitSec) {
      clearOverflow(callId);
      const t = setTimeout(
        () =>
          onTimer(log, 'queue overflow', { callId }, () => {
            overflowTimers.delete(callId);
            const call = callById(callId);
            if (
              call &&
              call.outcome === 'in_progress' &&
              call.ringingAgent === null &&
              call.answeredAt === null
            ) {
              ivrEvent(callId, { type: 'queue_overflow', at: clock.now() });
            }
          }),
        maxWaitSec * 1000,
      );
      t.unref();
      overflowTimers.set(callId, t);
    }
    distribute();
  }

  /** Calls waiting per queue now, pushed to supervisors whenever it may have changed. */
  function pushQueues(): void {
    const rows = db
      .select({ queue: calls.queue })
      .from(calls)
      .where(and(eq(calls.outcome, 'in_progress'), isNull(calls.answeredAt)))
      .all();
    const waiting: Record<string, number> = {};
    for (const r of rows) if (r.queue) waiting[r.queue] = (waiting[r.queue] ?? 0) + 1;
    push([...WALLBOARD_ROOMS], 'queue:update', { waiting, at: toIso(clock.now()) });
  }

  const handlers: { [K in GatewayFrame['type']]: (f: Extract<GatewayFrame, { type: K }>) => void } = {
    ack: (f) => deps.link.ack(f.cmdId),
    'call.offered': (f) => {
      if (callById(f.callId)) return; // the gateway said it again: the call goes on where it was
      // The gateway's time when it is plausible; a time far off (year 275760) broke every later view of
      // the call and every screen pop for its caller, so the server's clock decides then.
      const given = Date.parse(f.at);
      const at = Math.abs(given - clock.now()) <= OFFERED_AT_SLACK_MS ? given : clock.now();
      db.insert(calls)
        .values({
          id: f.callId,
          fromNumber: f.from,
          fromKey: phoneKey(f.from),
          line: f.to,
          ivrPath: [],
          offeredAt: at,
          outcome: 'in_progress',
        })
        .run();
      const call = callById(f.callId)!;
      const flow = flowForLine(f.to);
      if (!flow) {
        link.send({ type: 'play', callId: f.callId, text: '您拨打的号码暂未开通，请拨打12345。' });
        link.send({ type: 'hangup', callId: f.callId });
        return;
      }
      apply(call, startCall(flow, { callId: f.callId, from: f.from, line: f.to }, deps.ivr, clock.now()));
    },
    'call.input': (f) => ivrEvent(f.callId, { type: 'input', digits: f.digits, at: clock.now() }),
    'call.answered': (f) => {
      const call = callById(f.callId);
      const agent = agentByNo(f.agent);
      if (!call) return;
      // An agent nobody has: the call would count as answered by no one in the records and the metrics.
      if (!agent) throw new FrameRefused(`unknown agent ${f.agent}`);
      clearOverflow(call.id);
      db.update(calls)
        .set({
          answeredAt: clock.now(),
          agentNo: f.agent,
          agentUserId: agent.userId,
          ringingAgent: null,
        })
        .where(eq(calls.id, call.id))
        .run();
      pushQueues();
      setAgentState(agent, 'busy');
      // With the screen pop (DESIGN §7): a desk that did not see the call ring (reloaded, reconnected) has it.
      push([`user:${agent.userId}`, ...WALLBOARD_ROOMS], 'call:answered', {
        ...screenPop(db, clock.now(), call, deps.ticketHistory),
        agent: f.agent,
      });
    },
    'call.bridge_failed': (f) => bridgeFailed(f.callId, f.agent),
    'call.agent_left': (f) => {
      const call = callById(f.callId);
      const survey = flows.flows.get(SURVEY_FLOW_ID);
      if (!call || !survey) return;
      const agent = call.agentNo ? agentByNo(call.agentNo) : undefined;
      if (agent) startWrapUp(agent);
      const result = startCall(
        survey,
        { callId: call.id, from: call.fromNumber, line: call.line },
        deps.ivr,
        clock.now(),
      );
      // The call record keeps the whole path: the IVR before the agent, then the survey.
      apply(call, { ...result, state: { ...result.state, path: [...call.ivrPath, ...result.state.path] } });
    },
    'call.ended': (f) => {
      const call = callById(f.callId);
      if (call?.outcome !== 'in_progress') return;
      clearOverflow(call.id);
      const outcome = outcomeOf(call, flowOf(call.flowId));
      db.update(calls)
        .set({ endedAt: clock.now(), endReason: f.reason, outcome, ringingAgent: null })
        .where(eq(calls.id, call.id))
        .run();
      const reason = CALLBACK_REASON[outcome];
      if (reason) callbackChanged(recordCallback(db, clock.now(), call, reason));
      const agentNo = call.agentNo ?? call.ringingAgent;
      const agent = agentNo ? agentByNo(agentNo) : undefined;
      if (agent && agent.state === 'busy') startWrapUp(agent);
      push([...WALLBOARD_ROOMS, ...(agent ? [`user:${agent.userId}`] : [])], 'call:ended', {
        callId: call.id,
        outcome,
      });
      if (call.queue && call.answeredAt === null) pushQueues();
    },
    'call.recording': (f) => {
      const call = db
        .update(calls)
        .set({ recordingUrl: f.url, recordingSeconds: f.seconds })
        .where(eq(calls.id, f.callId))
        .returning()
        .get();
      // A voicemail's message arrives after its call ended: the callback list shows it live.
      const task = call?.outcome === 'voicemail' ? openCallbackOf(db, call.fromKey) : undefined;
      if (task) callbackChanged(task);
    },
    'agent.state': (f) => {
      const agent = agentByNo(f.agent);
      if (!agent) return;
      setAgentState(agent, f.state);
      if (f.state === 'ready') distribute();
    },
  };

  return {
    /** A callback task as the API shows it (with the claimer's name). */
    callbackView: viewOf,
    /** Pushes a callback task claimed or closed through the API to the consoles that list them. */
    callbackChanged,
    /**
     * One frame from the gateway, already parsed and checked. A frame that fails throws, so that its
     * savepoint rolls back whatever it had written (the caller logs it); it never half-happens.
     */
    handle(frame: GatewayFrame): void {
      (handlers[frame.type] as (f: GatewayFrame) => void)(frame);
    },
    /** The queues callers wait in (from the IVR flows): the skills an agent can be given. */
    queues: (): string[] => queuesOf(flows),
    /** Every agent with its state, for supervisors and admins. */
    listAgents: () => db.select().from(agents).all(),
    /** An operator's own agent row (number, skills, state), if they are an agent. */
    myAgent: (userId: number): AgentRow | undefined =>
      db.select().from(agents).where(eq(agents.userId, userId)).get(),
    /**
     * The call an agent is on or is being rung with, and its screen pop, so a console opened (or reloaded) in
     * the middle of a call shows it again; null when there is none.
     */
    currentCallOf(agentNo: string): { answered: boolean; pop: ReturnType<typeof screenPop> } | null {
      const call = db
        .select()
        .from(calls)
        .where(
          and(
            eq(calls.outcome, 'in_progress'),
            or(eq(calls.agentNo, agentNo), eq(calls.ringingAgent, agentNo)),
          ),
        )
        .orderBy(desc(calls.offeredAt))
        .get();
      if (!call) return null;
      return {
        answered: call.agentNo === agentNo,
        pop: screenPop(db, clock.now(), call, deps.ticketHistory),
      };
    },
    /** Makes an operator an agent with a number and skills (queues); starts offline. */
    upsertAgent(userId: number, agentNo: string, skills: string[]): void {
      db.insert(agents)
        .values({ userId, agentNo, skills, state: 'offline', stateSince: clock.now() })
        .onConflictDoUpdate({ target: agents.userId, set: { agentNo, skills } })
        .run();
    },
    /** An agent's own state change from the console (就绪 / 小休 / 话后整理). */
    setMyState(userId: number, state: 'ready' | 'not_ready' | 'wrap_up'): AgentRow | undefined {
      return batcher.atomically(() => {
        const agent = db.select().from(agents).where(eq(agents.userId, userId)).get();
        if (!agent) return undefined;
        // On a call the line decides: ready now would ring a second call on top of the one being talked.
        if (agent.state === 'busy') throw conflict('通话中不能更改坐席状态', { state: agent.state });
        setAgentState(agent, state);
        if (state === 'ready') distribute();
        return db.select().from(agents).where(eq(agents.userId, userId)).get();
      });
    },
    close(): void {
      for (const t of overflowTimers.values()) clearTimeout(t);
      overflowTimers.clear();
      routing.close();
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;

import { phoneKey } from '../core/phone.js';
import type { IvrFlow, IvrNode, IvrNodeOf, Satisfaction } from './ivr.flow.js';

/** What a caller with a withheld number hears at a callback node, unless the flow says otherwise. */
export const WITHHELD_TEXT = '您的来电未显示号码，无法为您登记回拨。';

/** How the IVR part of a call ended (`queued`: waiting in a queue, not yet ended). */
export type IvrOutcome = 'forwarded' | 'hangup' | 'callback' | 'queued' | 'voicemail';

/** Where one call stands in its flow; the server keeps it between events. */
export interface CallState {
  callId: string;
  flowId: string;
  /** The node waiting for input or the ACD; null before the start and once done. */
  node: string | null;
  from: string;
  /** The dialled line (12345, 89000…): kept on the call and its tickets. */
  line: string;
  /** Replays of the current menu or collect so far. */
  retries: number;
  /** Digits entered at each collect node, by node id. */
  collected: Record<string, string>;
  /** Every node entered, in order (the call record's IVR path). */
  path: string[];
  /** The queue the call waits in now; the ACD takes the call out when this goes away. */
  queue?: string;
  /** When the call first entered a queue, kept across overflows so its wait keeps counting. */
  enqueuedAt?: number;
  done: boolean;
  outcome?: IvrOutcome;
}

export type IvrEvent =
  | { type: 'start'; at: number }
  /** `call.input`; empty digits when the collect timed out. */
  | { type: 'input'; digits: string; at: number }
  /** The ACD found the wait too long (see `enqueue.maxWaitSec`). */
  | { type: 'queue_overflow'; at: number }
  /** The ACD has no agent on duty for the queue. */
  | { type: 'no_agents'; at: number };

export type IvrCommand =
  | { type: 'play'; text: string }
  | { type: 'collect'; text: string; maxDigits: number; timeoutSec: number; terminator: string }
  | { type: 'enqueue'; queue: string; maxWaitSec: number }
  | { type: 'forward'; to: string }
  | { type: 'voicemail' }
  | { type: 'hangup' }
  | { type: 'callback_task'; reason: string }
  | { type: 'survey_result'; satisfaction: Satisfaction | null };

/** Commands for the gateway (the others are for the server itself). */
export type GatewayCommand = Exclude<IvrCommand, { type: 'callback_task' | 'survey_result' }>;

/** What the engine may ask the rest of the server; both answers must be synchronous and side-effect free. */
export interface IvrContext {
  /** Whether the hotline is staffed at `at` (working calendar and hours). */
  isOpen(at: number): boolean;
  /** The ticket's state in plain Chinese, or null when not found or not this caller's. */
  ticketStatus(ticketNo: string, phone: string): string | null;
}

export interface StepResult {
  state: CallState;
  /** To run in order; an event that does not apply gives none and the same state object. */
  commands: IvrCommand[];
}

export const MENU_TIMEOUT_SEC = 5;
export const COLLECT_TIMEOUT_SEC = 10;
export const COLLECT_RETRIES = 1;
// Flows are checked for loops without input at load; this only stops a flow that skipped the check.
const MAX_HOPS = 200;

/** Starts `flow` for a new call and runs it up to its first wait. */
export function startCall(
  flow: IvrFlow,
  call: { callId: string; from: string; line: string },
  ctx: IvrContext,
  at: number,
): StepResult {
  const state: CallState = {
    callId: call.callId,
    flowId: flow.id,
    node: null,
    from: call.from,
    line: call.line,
    retries: 0,
    collected: {},
    path: [],
    done: false,
  };
  return step(flow, state, { type: 'start', at }, ctx);
}

/** The IVR itself: one event moves the call on and yields the commands to run. Pure. */
export function step(flow: IvrFlow, state: CallState, event: IvrEvent, ctx: IvrContext): StepResult {
  const unchanged: StepResult = { state, commands: [] };
  if (state.flowId !== flow.id)
    throw new Error(`call ${state.callId} runs flow "${state.flowId}", not "${flow.id}"`);
  if (state.done) return unchanged;
  const run = new Run(flow, { ...state, collected: { ...state.collected }, path: [...state.path] }, ctx);

  if (event.type === 'start') {
    if (state.path.length > 0) return unchanged;
    return run.goto(flow.start, event.at);
  }
  const node = state.node === null ? undefined : flow.nodes[state.node];
  switch (node?.type) {
    case 'menu':
      if (event.type !== 'input') return unchanged;
      return run.menuInput(node, event.digits, event.at);
    case 'collect':
      if (event.type !== 'input') return unchanged;
      return run.collectInput(state.node!, node, event.digits, event.at);
    case 'queue':
      if (event.type === 'queue_overflow') return run.goto(node.overflow, event.at);
      if (event.type === 'no_agents') return run.goto(node.noAgents ?? node.overflow, event.at);
      return unchanged;
    default:
      return unchanged;
  }
}

class Run {
  readonly commands: IvrCommand[] = [];

  constructor(
    readonly flow: IvrFlow,
    readonly s: CallState,
    readonly ctx: IvrContext,
  ) {}

  result(): StepResult {
    return { state: this.s, commands: this.commands };
  }

  menuInput(node: IvrNodeOf<'menu'>, digits: string, at: number): StepResult {
    const target = digits === '' ? undefined : node.options[digits];
    if (target !== undefined) return this.goto(target, at);
    const timedOut = digits === '';
    if (this.s.retries < node.retries) {
      this.s.retries += 1;
      const note = timedOut ? node.timeoutText : node.invalidText;
      if (note) this.play(note);
      this.commands.push(menuCollect(node));
      return this.result();
    }
    return this.goto(timedOut ? node.timeout : node.invalid, at);
  }

  collectInput(id: string, node: IvrNodeOf<'collect'>, digits: string, at: number): StepResult {
    const terminator = node.terminator ?? '#';
    const value = terminator && digits.endsWith(terminator) ? digits.slice(0, -1) : digits;
    if (value !== '') {
      this.s.collected[id] = value;
      return this.goto(node.next, at);
    }
    if (this.s.retries < (node.retries ?? COLLECT_RETRIES)) {
      this.s.retries += 1;
      this.commands.push(collectCommand(node));
      return this.result();
    }
    this.s.collected[id] = '';
    return this.goto(node.timeout ?? node.next, at);
  }

  /** Leaves the current node for `target` and runs on until a node waits or ends the call. */
  goto(target: string, at: number): StepResult {
    const s = this.s;
    s.queue = undefined;
    if (s.outcome === 'queued') s.outcome = undefined;
    let id: string | null = target;
    for (let hops = 0; id !== null; hops++) {
      if (hops >= MAX_HOPS) throw new Error(`flow "${this.flow.id}": no input after ${MAX_HOPS} nodes`);
      const node: IvrNode | undefined = this.flow.nodes[id];
      if (!node) throw new Error(`flow "${this.flow.id}": node "${id}" does not exist`);
      s.path.push(id);
      s.retries = 0;
      s.node = id;
      id = this.enter(node, at);
    }
    return this.result();
  }

  /** Runs one node; gives the next node, or null when the call now waits or is over. */
  private enter(node: IvrNode, at: number): string | null {
    const s = this.s;
    switch (node.type) {
      case 'play':
        this.play(node.text);
        return node.next;
      case 'schedule':
        return this.ctx.isOpen(at) ? node.open : node.closed;
      case 'menu':
        this.commands.push(menuCollect(node));
        return null;
      case 'collect':
        this.commands.push(collectCommand(node));
        return null;
      case 'queue':
        if (node.text) this.play(node.text);
        this.commands.push({ type: 'enqueue', queue: node.queue, maxWaitSec: node.maxWaitSec });
        s.queue = node.queue;
        s.enqueuedAt ??= at;
        s.outcome = 'queued';
        return null;
      case 'ticket_status': {
        const digits = s.collected[node.source] ?? '';
        const status = digits === '' ? null : this.ctx.ticketStatus(`${node.prefix ?? ''}${digits}`, s.from);
        if (status === null) {
          this.play(node.notFoundText);
          return node.notFound ?? node.next;
        }
        this.play(node.foundText.replaceAll('{ticketNo}', digits).replaceAll('{status}', status));
        return node.next;
      }
      case 'callback':
        if (phoneKey(s.from) === '') {
          this.play(node.withheldText ?? WITHHELD_TEXT);
          return node.withheld ?? node.next;
        }
        this.commands.push({ type: 'callback_task', reason: node.reason });
        s.outcome = 'callback';
        if (node.text) this.play(node.text);
        return node.next;
      case 'survey_result':
        this.commands.push({ type: 'survey_result', satisfaction: node.satisfaction });
        return node.next;
      case 'forward':
        if (node.text) this.play(node.text);
        this.commands.push({ type: 'forward', to: node.to });
        return this.finish('forwarded');
      case 'voicemail':
        if (node.text) this.play(node.text);
        this.commands.push({ type: 'voicemail' });
        return this.finish('voicemail');
      case 'hangup':
        if (node.text) this.play(node.text);
        this.commands.push({ type: 'hangup' });
        // A callback registered just before stays the outcome.
        return this.finish(s.outcome ?? 'hangup');
    }
  }

  private play(text: string): void {
    this.commands.push({ type: 'play', text });
  }

  private finish(outcome: IvrOutcome): null {
    this.s.done = true;
    this.s.node = null;
    this.s.outcome = outcome;
    return null;
  }
}

function menuCollect(node: IvrNodeOf<'menu'>): IvrCommand {
  // One key, no terminator: `#` and `*` stay usable as menu keys.
  return {
    type: 'collect',
    text: node.prompt,
    maxDigits: 1,
    timeoutSec: node.timeoutSec ?? MENU_TIMEOUT_SEC,
    terminator: '',
  };
}

function collectCommand(node: IvrNodeOf<'collect'>): IvrCommand {
  return {
    type: 'collect',
    text: node.prompt,
    maxDigits: node.maxDigits,
    timeoutSec: node.timeoutSec ?? COLLECT_TIMEOUT_SEC,
    terminator: node.terminator ?? '#',
  };
}

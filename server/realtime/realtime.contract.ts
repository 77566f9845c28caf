// The socket.io contract between the server and the console: event names and payloads, imported by
// both sides as types. Durable events carry the ticket event's `seq`; ephemeral ones are never replayed.
import type { CallbackTaskView } from '../calls/calls.callbacks.js';
import type { TicketView } from '../tickets/tickets.view.js';

/** A durable ticket event (DESIGN.md §7). */
export interface TicketEventPayload {
  seq: number;
  /** The state-machine action, `yellow`/`red` from the deadline scanner, or an upstream notice kind. */
  action: string;
  ticketNo: string;
  ticket: TicketView;
  at: string;
}

export interface ServerToClientEvents {
  'ticket:event': (e: TicketEventPayload) => void;
  /** The client missed more than the server replays: reload the views, then reconnect with `lastSeq`. */
  'sync:reload': (e: { reason: string; latestSeq: number }) => void;
  /** Replay is done; live events follow. `lastSeq` is the newest seq this client may see so far. */
  'sync:ready': (e: { lastSeq: number; replayed: number }) => void;
  /** Ephemeral, to supervisors every few seconds: the overview per department. */
  'wallboard:update': (e: WallboardPayload) => void;
  /** Ephemeral, to the agent a call rings for: the screen pop. */
  'call:offered': (e: ScreenPop) => void;
  /** Ephemeral, to the agent who answered (and the wallboard): the screen pop again, and the agent. */
  'call:answered': (e: ScreenPop & { agent: string }) => void;
  'call:ended': (e: { callId: string; outcome: string }) => void;
  'agent:state': (e: { agent: string; state: string; at: string }) => void;
  /** Ephemeral, to supervisors and admins (the wallboard): calls waiting per queue, whenever it changes. */
  'queue:update': (e: { waiting: Record<string, number>; at: string }) => void;
  /** A callback task (漏接回拨) created, folded into, claimed or closed (calls.callbacks.ts: CALLBACK_ROOMS). */
  'callback:update': (task: CallbackTaskView) => void;
}

/** The caller's history as a call rings (DESIGN.md §6): calls and tickets of the last 12 months, newest first. */
export interface ScreenPop {
  callId: string;
  from: string;
  line: string;
  queue: string | null;
  calls: { callId: string; line: string; at: string; outcome: string; satisfaction: string | null }[];
  tickets: { no: string; title: string; status: string; open: boolean; createdAt: string }[];
}

export interface WallboardPayload {
  at: string;
  month: string;
  /** Today's call metrics and what is happening now (see `GET /api/calls/metrics`). */
  calls?: unknown;
  departments: {
    departmentId: number;
    name: string;
    open: number;
    onTime: number;
    yellow: number;
    red: number;
    overdue: number;
    supervisionOpen: number;
    onTimeSignRate: number | null;
    onTimeCompletionRate: number | null;
  }[];
}

export interface ClientToServerEvents {
  /** Nothing yet: the console acts through the REST API. */
  ping: (ack: (r: { data: { at: string } }) => void) => void;
}

/** What a console sends when it connects: `io(url, { auth: { token, lastSeq } })`. */
export interface HandshakeAuth {
  token?: string;
  lastSeq?: number;
}

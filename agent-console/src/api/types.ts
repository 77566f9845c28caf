// DTOs of the REST API as the console reads them. They mirror the server's TypeBox schemas
// (server/tickets/tickets.schemas.ts, server/auth/auth.routes.ts, …); `test/console/contract.test.ts`
// fails the type-check when the server's shapes drift from these.
import type {
  AppealType,
  AssignmentRole,
  AssignmentStatus,
  Satisfaction,
  TicketStatus,
  Urgency,
  USER_ACTIONS,
} from '../../../server/tickets/tickets.machine.js';
import type { CallbackTask } from './calls.js';

export type { AppealType, AssignmentRole, AssignmentStatus, Satisfaction, TicketStatus, Urgency };
export type TicketAction = (typeof USER_ACTIONS)[number];
export type Role = 'operator' | 'dispatcher' | 'handler' | 'supervisor' | 'admin';
export type DeadlineColor = 'green' | 'yellow' | 'red';
export type DepartmentLevel = 'city' | 'town' | 'village';

/** `GET /api/auth/me`, `POST /api/auth/login` → `user`. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  departmentLevel: DepartmentLevel | null;
}

export interface LoginResult {
  token: string;
  user: User;
}

/** `GET /api/departments` */
export interface Department {
  id: number;
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId: number | null;
  disabled: boolean;
}

/** `GET /api/categories` */
export interface Category {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  disabled: boolean;
}

/** `GET /api/users` (admin) */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  disabled: boolean;
}

/** One 承办记录 of a ticket; `deadline` is the server's traffic light of its running clock. */
export interface Assignment {
  id: number;
  departmentId: number;
  role: AssignmentRole;
  status: AssignmentStatus;
  parentId: number | null;
  dispatchedAt: string;
  signDueAt: string;
  signedAt: string | null;
  dueAt: string;
  yellowAt: string;
  returnDueAt: string;
  finishedAt: string | null;
  extensionDays: number;
  extensionCount: number;
  returnCount: number;
  pendingExtension: { days: number; reason: string } | null;
  reply: string | null;
  deadline: DeadlineColor;
  /** Working minutes left to the running deadline (negative: overdue), as the server's calendar counts them. */
  workLeft: WorkLeft | null;
}

/**
 * Time left on the running clock, computed by the server when it sent the ticket: working minutes (and a working
 * day's) for a clock in working time, real minutes for one in minutes or hours (an urgent ticket's).
 */
export interface WorkLeft {
  minutes: number;
  perDay: number;
  unit: 'working' | 'wall';
  /** The due time has passed (also when no working minute has yet). */
  overdue: boolean;
}

/** One row of a ticket's history (the event log). */
export interface TicketEvent {
  seq: number;
  action: string;
  from: string | null;
  to: string;
  actor: string;
  actorId: number | null;
  departmentId: number | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

/** A ticket as lists and live events carry it; `events` and `callIds` come with the detail only. */
export interface Ticket {
  no: string;
  status: TicketStatus;
  appealType: AppealType;
  categoryId: number | null;
  title: string;
  content: string;
  /** Masked (`王**`, `138****5678`) for departments when confidential: show it as sent. */
  caller: { name: string | null; phone: string };
  address: string | null;
  town: string | null;
  urgency: Urgency;
  confidential: boolean;
  channel: string;
  line: string | null;
  upstreamOrderNo: string | null;
  /** Files Yantai sent with an order. */
  attachments: { name: string; url: string }[];
  /** Yantai's own deadlines of an order (ours are kept inside them). */
  upstreamSignDueAt: string | null;
  upstreamDueAt: string | null;
  /** Yantai's receipt clock while the order waits for our 签收 (yellow, red as the server's scanner raises them). */
  upstreamSignDeadline: DeadlineColor | null;
  mergedInto: string | null;
  directAnswer: string | null;
  publicReply: string | null;
  internalNotes: string | null;
  solved: boolean | null;
  satisfaction: { first: Satisfaction | null; final: Satisfaction | null };
  counters: {
    returns: number;
    extensions: number;
    reworks: number;
    revisits: number;
    urges: number;
    supervisions: number;
  };
  revisitDueAt: string | null;
  /** The revisit clock's color while the ticket waits for its revisit (回访); null otherwise. */
  revisitDeadline: DeadlineColor | null;
  acceptedAt: string | null;
  assignments: Assignment[];
  callIds?: string[];
  /** Detail only: the tickets merged into this one (并入本单的工单) that the user may see, oldest first. */
  mergedFrom?: { no: string; title: string; createdAt: string }[];
  events?: TicketEvent[];
  /** Detail only: the actions the server's state machine lets this user take now. Offer only these. */
  allowedActions?: TicketAction[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TicketPage {
  items: Ticket[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/tickets` query. */
export interface TicketQuery {
  status?: string;
  department?: number;
  appealType?: AppealType;
  category?: number;
  urgency?: Urgency;
  /** The channel it came by: `web` for citizens' own appeals (网上诉求). */
  channel?: string;
  /** The hotline line it was taken on (受理线路: 12345, 89000…). */
  line?: string;
  deadline?: 'yellow' | 'red';
  /** Only tickets with an extension request waiting for a supervisor. */
  pendingExtension?: boolean;
  phone?: string;
  q?: string;
  from?: string;
  to?: string;
  /** Newest first (the default) or oldest first, by registration time. */
  sort?: 'newest' | 'oldest';
  page?: number;
  pageSize?: number;
}

/** `POST /api/tickets` body. */
export interface RegisterInput {
  appealType: AppealType;
  title: string;
  content: string;
  caller: { name?: string; phone: string };
  categoryId?: number;
  address?: string;
  town?: string;
  urgency?: Urgency;
  confidential?: boolean;
  channel?: string;
  line?: string;
  callId?: string;
  /** In the same request: 提交派单 (`submit`) or 直办 (`answer`, with `answer`); both happen or neither. */
  action?: 'submit' | 'answer';
  answer?: string;
  /** With `answer`: the knowledge article quoted (counts its use). */
  knowledgeId?: number;
}

/** The body of each `POST /api/tickets/{no}/actions/{action}`. */
export interface ActionBodies {
  answer: { answer: string; knowledgeId?: number };
  submit: Record<string, never>;
  reject: { reason: string };
  dispatch: { lead: number; assists?: number[] };
  accept: Record<string, never>;
  return_upstream: { reason: string };
  sign: Record<string, never>;
  request_return: { reason: string };
  approve_return: { note?: string };
  deny_return: { note?: string };
  pass_down: { departmentId: number };
  request_extension: { days: number; reason: string };
  approve_extension: { note?: string };
  deny_extension: { note?: string };
  reply: { publicReply: string; internalNotes?: string; solved: boolean };
  approve_reply: { note?: string };
  reject_reply: { reason: string };
  revisit: { reached: boolean; solved?: boolean; satisfaction?: Satisfaction; note?: string };
  report_progress: { note: string };
  urge: { message: string };
  supervise: { message: string };
  caller_urge: { message: string; callId?: string };
  merge: { into: string };
}

/** A durable live event (`ticket:event`), DESIGN.md §7. */
export interface LiveTicketEvent {
  seq: number;
  action: string;
  ticketNo: string;
  ticket: Ticket;
  at: string;
}

/** The JSON body of every API error. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  /** A 400 of the field's schema: the text after `field: ` is what the field should be, read after its name. */
  schema?: boolean;
  state?: string;
  retryAfterSec?: number;
}

/** Supervisors' per-department overview, pushed as `wallboard:update` (and `GET /api/supervision/overview`). */
export interface WallboardPayload {
  at: string;
  month: string;
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

/** The caller's history as a call rings (screen pop), to the agent's console. */
export interface ScreenPop {
  callId: string;
  from: string;
  line: string;
  queue: string | null;
  calls: { callId: string; line: string; at: string; outcome: string; satisfaction: string | null }[];
  tickets: { no: string; title: string; status: string; open: boolean; createdAt: string }[];
}

/** Socket events the server sends (mirror of server/realtime/realtime.contract.ts `ServerToClientEvents`). */
export interface LiveEvents {
  'ticket:event': (e: LiveTicketEvent) => void;
  'sync:reload': (e: { reason: string; latestSeq: number }) => void;
  'sync:ready': (e: { lastSeq: number; replayed: number }) => void;
  'wallboard:update': (e: WallboardPayload) => void;
  'call:offered': (e: ScreenPop) => void;
  'call:answered': (e: ScreenPop & { agent: string }) => void;
  'call:ended': (e: { callId: string; outcome: string }) => void;
  'agent:state': (e: { agent: string; state: string; at: string }) => void;
  'queue:update': (e: { waiting: Record<string, number>; at: string }) => void;
  /** A callback task (漏接回拨) created, folded into, claimed or closed: to operators, dispatchers, supervisors. */
  'callback:update': (task: CallbackTask) => void;
}

/** Socket events the console sends. */
export interface LiveCommands {
  ping: (ack: (r: { data: { at: string } }) => void) => void;
}

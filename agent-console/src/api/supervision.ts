// Endpoints of the supervisors' views (督办, 监控大屏): supervision items, the per-department overview, the
// month's notice list, the Yantai outbox (dead letters), call metrics and agents. Shapes mirror
// server/supervision/supervision.routes.ts, server/upstream/upstream.schemas.ts and server/calls/*.
import { http } from './client.js';
import type { WallboardPayload } from './types.js';

/** A 督办单 (`GET /api/supervision/items`). */
export interface SupervisionItem {
  id: number;
  ticketNo: string;
  departmentId: number;
  kind: 'overdue' | 'supervise';
  reason: string;
  /** `withdrawn`: the department no longer handles the ticket (return approved, recalled, merged); `response` says why. */
  status: 'open' | 'answered' | 'withdrawn';
  responseDueAt: string;
  response: string | null;
  respondedBy: string | null;
  respondedAt: string | null;
  createdAt: string;
}

/** `GET /api/supervision/overview` (also the departments part of `wallboard:update`). */
export type Overview = Omit<WallboardPayload, 'calls'>;
export type DepartmentOverview = WallboardPayload['departments'][number];

/** One row of the month's notice list (通报), `GET /api/supervision/notices?month=YYYY-MM`. */
export interface NoticeRow {
  ticketNo: string;
  title: string;
  departmentId: number;
  department: string;
  dueAt: string;
  noticedAt: string;
  status: string;
}

/** One line of the monthly ledger (月度台账), `GET /api/reports/monthly`: counts, and rates (0–1, null: nothing to rate). */
export interface LedgerRow {
  departmentId: number;
  name: string;
  dispatched: number;
  leadDispatched: number;
  signed: number;
  signedOnTime: number;
  signOverdue: number;
  replied: number;
  repliedOnTime: number;
  handleOverdue: number;
  returned: number;
  reworked: number;
  approved: number;
  approvedRevisited: number;
  revisited: number;
  solved: number;
  firstRevisits: number;
  firstSatisfied: number;
  finalRevisits: number;
  finalSatisfied: number;
  onTimeSignRate: number | null;
  onTimeCompletionRate: number | null;
  returnRate: number | null;
  reworkRate: number | null;
  revisitRate: number | null;
  solveRate: number | null;
  firstSatisfactionRate: number | null;
  finalSatisfactionRate: number | null;
}

/** The call centre's month (definitions: docs/reports.md): its tickets and its calls, with their rates. */
export interface CentreFigures {
  registered: number;
  directAnswers: number;
  offered: number;
  /** Calls that asked for an agent (entered the agent queue): the answer rates' denominator. */
  queued: number;
  /** Calls that ended in the IVR without asking for an agent (offered − queued): in neither rate. */
  ivrEnded: number;
  answered: number;
  answered15: number;
  directAnswerRate: number | null;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
}

/** One hotline line's figures (分线路): the tickets taken on it and the calls dialled to it. */
export interface LineFigures extends CentreFigures {
  line: string;
}

/** `GET /api/reports/monthly?month=YYYY-MM` (definitions: docs/reports.md). */
export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  at: string;
  departments: LedgerRow[];
  total: LedgerRow;
  /** `lines`: every configured line, and any other with tickets or calls that month; tickets without a line are in none. */
  centre: CentreFigures & { lines: LineFigures[] };
  /** 市平台转办: orders received, receipts by Yantai's signDueAt, orders run out unaccepted, returns to Yantai. */
  upstream: {
    orders: number;
    accepted: number;
    acceptedOnTime: number;
    signOverdue: number;
    returned: number;
    onTimeSignRate: number | null;
    returnRate: number | null;
  };
  /** 回访: attempts, those by the revisit due, tickets run out with none, 回访及时率. */
  revisits: { made: number; onTime: number; overdue: number; onTimeRate: number | null };
}

/** The ledger of a month as a CSV file (the session cookie goes with a plain link). */
export const ledgerCsvUrl = (month: string) => `/api/reports/monthly?month=${month}&format=csv`;

export type OutboxState = 'pending' | 'sending' | 'delivered' | 'dead';

/** A message to Yantai (`GET /api/upstream/outbox`). */
export interface OutboxItem {
  id: number;
  messageId: string;
  orderNo: string;
  ticketNo: string;
  kind: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  body: Record<string, unknown>;
}

/** One line's (or hour's) call figures of a day (server/calls/calls.metrics.ts). */
export interface CallSummary {
  offered: number;
  /** Asked for an agent (entered an agent queue): the rates' denominator. */
  queued: number;
  answered: number;
  /** Answered within 15 s of entering the queue. */
  answered15: number;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
  averageWaitSec: number | null;
  longestWaitSec: number | null;
  /** Hung up while waiting in the queue. */
  abandoned: number;
  abandonRate: number | null;
  /** Hung up in the IVR before asking for anything: in no rate. */
  abandonedInIvr: number;
}

/** `GET /api/calls/metrics` (also `calls` of `wallboard:update`). */
export interface CallMetrics {
  date: string;
  now: { waiting: number; agents: Record<string, number> };
  lines: (CallSummary & { line: string })[];
  hours: (CallSummary & { line: string; hour: number })[];
}

/** `GET /api/agents`. */
export interface Agent {
  userId: number;
  agentNo: string;
  skills: string[];
  state: string;
  stateSince: string;
}

export const supervisionApi = {
  items: (status?: 'open' | 'answered', signal?: AbortSignal) =>
    http.get<SupervisionItem[]>('/api/supervision/items', { status }, signal),
  overview: (signal?: AbortSignal) => http.get<Overview>('/api/supervision/overview', undefined, signal),
  monthly: (month: string, signal?: AbortSignal) =>
    http.get<MonthlyReport>('/api/reports/monthly', { month }, signal),
  notices: (month: string, signal?: AbortSignal) =>
    http.get<NoticeRow[]>('/api/supervision/notices', { month }, signal),
  outbox: (query: { state?: OutboxState; orderNo?: string; limit?: number } = {}, signal?: AbortSignal) =>
    http.get<OutboxItem[]>('/api/upstream/outbox', { ...query }, signal),
  retry: (id: number) => http.post<OutboxItem>(`/api/upstream/outbox/${id}/retry`),
  callMetrics: (date?: string, signal?: AbortSignal) =>
    http.get<CallMetrics>('/api/calls/metrics', { date }, signal),
  agents: (signal?: AbortSignal) => http.get<Agent[]>('/api/agents', undefined, signal),
};

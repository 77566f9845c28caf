// Pure rules of the 督办 view: which supervisor buttons to offer (from the server's allowedActions), the
// forms of those actions turned into request bodies, the overdue board's order, months, and labels.
// No Vue, no DOM: unit-tested in test/console/supervision.
import type { DepartmentOverview, LedgerRow, OutboxState } from '../../api/supervision.js';
import type {
  ActionBodies,
  Assignment,
  Satisfaction,
  Ticket,
  TicketAction,
  TicketPage,
  TicketQuery,
} from '../../api/types.js';
import { loadAllPages } from '../../lib/pages.js';
import { chinaParts } from '../../lib/time.js';

/** The supervisor's actions this view offers, in button order. Anything else allowed is left to other views. */
export const SUPERVISOR_ACTIONS = [
  'approve_reply',
  'reject_reply',
  'revisit',
  'approve_extension',
  'deny_extension',
  'approve_return',
  'deny_return',
  'urge',
  'supervise',
] as const satisfies readonly TicketAction[];
export type SupervisorAction = (typeof SUPERVISOR_ACTIONS)[number];

/** Button text of each action (the trade's words). */
export const ACTION_BUTTONS: Record<SupervisorAction, string> = {
  approve_reply: '审核通过',
  reject_reply: '审核退回',
  revisit: '回访',
  approve_extension: '同意延期',
  deny_extension: '驳回延期',
  approve_return: '同意退单',
  deny_return: '驳回退单',
  urge: '催办',
  supervise: '督办',
};

/** Element Plus button type of each action: approvals primary, refusals and pressure red/orange. */
export const ACTION_TYPES: Record<
  SupervisorAction,
  'primary' | 'success' | 'warning' | 'danger' | 'default'
> = {
  approve_reply: 'success',
  reject_reply: 'danger',
  revisit: 'primary',
  approve_extension: 'success',
  deny_extension: 'danger',
  approve_return: 'success',
  deny_return: 'danger',
  urge: 'warning',
  supervise: 'danger',
};

/**
 * The supervisor actions to offer on a ticket: those the server allows now (`allowedActions`, the state
 * machine), in button order. The state machine allows deciding an extension on any ticket in progress;
 * the decision buttons are shown only while a request is actually pending (else the server answers 409).
 */
export function offeredActions(
  ticket: Pick<Ticket, 'allowedActions' | 'assignments'> | null | undefined,
): SupervisorAction[] {
  const allowed = ticket?.allowedActions;
  if (!ticket || !allowed?.length) return [];
  const set = new Set<string>(allowed);
  const pending = hasPendingExtension(ticket);
  return SUPERVISOR_ACTIONS.filter(
    (a) => set.has(a) && (pending || (a !== 'approve_extension' && a !== 'deny_extension')),
  );
}

/** Which fields the dialog of an action shows. */
export type FormKind = 'note' | 'reason' | 'message' | 'revisit';
export const FORM_KIND: Record<SupervisorAction, FormKind> = {
  approve_reply: 'note',
  reject_reply: 'reason',
  revisit: 'revisit',
  approve_extension: 'note',
  deny_extension: 'note',
  approve_return: 'note',
  deny_return: 'note',
  urge: 'message',
  supervise: 'message',
};

/** One form behind every supervisor dialog; `buildBody` keeps only what the action's body has. */
export interface ActionForm {
  note: string;
  reason: string;
  message: string;
  /** 回访: was the caller reached. */
  reached: boolean;
  /** 回访: solved as the caller says; undefined: not asked. */
  solved: boolean | undefined;
  satisfaction: Satisfaction | undefined;
}

export function emptyForm(): ActionForm {
  return { note: '', reason: '', message: '', reached: true, solved: undefined, satisfaction: undefined };
}

type Body<A extends SupervisorAction> = ActionBodies[A];

/** The request body of an action from its form: trimmed, empty optionals dropped. */
export function buildBody<A extends SupervisorAction>(action: A, form: ActionForm): Body<A> {
  const note = form.note.trim();
  switch (FORM_KIND[action]) {
    case 'note':
      return (note ? { note } : {}) as Body<A>;
    case 'reason':
      return { reason: form.reason.trim() } as Body<A>;
    case 'message':
      return { message: form.message.trim() } as Body<A>;
    case 'revisit': {
      const body: ActionBodies['revisit'] = { reached: form.reached };
      if (form.reached) {
        if (form.solved !== undefined) body.solved = form.solved;
        if (form.satisfaction) body.satisfaction = form.satisfaction;
      }
      if (note) body.note = note;
      return body as Body<A>;
    }
  }
}

/** Placeholder of the main text field of an action's dialog. */
export const FIELD_HINTS: Partial<Record<SupervisorAction, string>> = {
  reject_reply: '退回理由：哪里没有答复到位、需要补充什么',
  urge: '催办内容：请尽快签收办理并回复',
  supervise: '督办意见：列入督办，限期 1 个工作日内答复',
};

/** Assignments of a ticket waiting for a decision on their extension request (延期申请). */
export function pendingExtensions(ticket: Pick<Ticket, 'assignments'>): Assignment[] {
  return ticket.assignments.filter((a) => a.pendingExtension !== null);
}

export function hasPendingExtension(ticket: Pick<Ticket, 'assignments'>): boolean {
  return ticket.assignments.some((a) => a.pendingExtension !== null);
}

/**
 * Every ticket with an extension request waiting (the 延期审核 tab), every page of the server's
 * `pendingExtension` filter: none is left out however many tickets are open.
 */
export async function loadPendingExtensions(
  list: (query: TicketQuery, signal: AbortSignal) => Promise<TicketPage>,
  signal: AbortSignal,
  pageSize = 200,
): Promise<Ticket[]> {
  const all = await loadAllPages(
    (page, size) => list({ pendingExtension: true, page, pageSize: size }, signal),
    {
      pageSize,
    },
  );
  return all.items.filter(hasPendingExtension);
}

/** The lead assignment (主办), or the first one. */
export function leadAssignment(ticket: Pick<Ticket, 'assignments'>): Assignment | undefined {
  const live = ticket.assignments.filter((a) => a.status !== 'cancelled' && a.status !== 'returned');
  return live.find((a) => a.role === 'lead') ?? live[0] ?? ticket.assignments[0];
}

/** The assignment a list row is about: that department's (the newest) when given, else the lead's. */
export function focusAssignment(
  ticket: Pick<Ticket, 'assignments'>,
  departmentId?: number | null,
): Assignment | undefined {
  if (departmentId != null) {
    const mine = ticket.assignments.filter((a) => a.departmentId === departmentId);
    if (mine.length) return mine[mine.length - 1];
  }
  return leadAssignment(ticket);
}

/** The reply to review: the ticket's public reply, else the lead department's own reply. */
export function replyOf(ticket: Pick<Ticket, 'publicReply' | 'assignments'>): string | null {
  return ticket.publicReply ?? leadAssignment(ticket)?.reply ?? null;
}

/**
 * The overdue board: departments with anything open or pending, the worst first (超期 on the notice list,
 * then red, then yellow, then open items), then by id. `all` keeps the quiet departments too, at the end.
 */
export function overdueBoard(departments: readonly DepartmentOverview[], all = false): DepartmentOverview[] {
  const busy = (d: DepartmentOverview) => d.open > 0 || d.supervisionOpen > 0 || d.overdue > 0;
  return departments
    .filter((d) => all || busy(d))
    .slice()
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.red - a.red ||
        b.yellow - a.yellow ||
        b.supervisionOpen - a.supervisionOpen ||
        b.open - a.open ||
        a.departmentId - b.departmentId,
    );
}

/** Totals over the board's departments. */
export function boardTotals(departments: readonly DepartmentOverview[]) {
  const t = { open: 0, onTime: 0, yellow: 0, red: 0, overdue: 0, supervisionOpen: 0 };
  for (const d of departments) {
    t.open += d.open;
    t.onTime += d.onTime;
    t.yellow += d.yellow;
    t.red += d.red;
    t.overdue += d.overdue;
    t.supervisionOpen += d.supervisionOpen;
  }
  return t;
}

/** `0.875` → `87.5%`, `1` → `100%`, null (nothing to rate) → `—`. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** The China-time month (`YYYY-MM`) of an instant. */
export function monthOf(at: number): string {
  const p = chinaParts(at);
  return `${p.year}-${p.month}`;
}

/** `shiftMonth('2026-01', -1)` → `2025-12`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + delta;
  const year = Math.floor(index / 12);
  const mon = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

/** `2026-11` → `2026年11月`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

export const OUTBOX_KIND_LABELS: Record<string, string> = {
  receipt: '签收回执',
  return: '退回申请',
  progress: '进展报送',
  extension: '延期申请',
  feedback: '办结反馈',
};
export const OUTBOX_STATE_LABELS: Record<OutboxState, string> = {
  pending: '待发送',
  sending: '发送中',
  delivered: '已送达',
  dead: '推送失败',
};
export const outboxKindLabel = (kind: string): string => OUTBOX_KIND_LABELS[kind] ?? kind;
export const outboxStateLabel = (state: string): string => OUTBOX_STATE_LABELS[state as OutboxState] ?? state;

export const ITEM_KIND_LABELS: Record<string, string> = { overdue: '超期督办', supervise: '人工督办' };
export const ITEM_STATUS_LABELS: Record<string, string> = {
  open: '待答复',
  answered: '已答复',
  withdrawn: '已撤销',
};
/** The colour of an item's state: waiting (warning), answered (success), withdrawn (grey). */
export const ITEM_STATUS_TAGS: Record<string, 'warning' | 'success' | 'info'> = {
  open: 'warning',
  answered: 'success',
  withdrawn: 'info',
};

/** Ticket statuses still open (for the urge/supervise lists of a department). */
export const OPEN_STATUSES = [
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
  'pending_revisit',
  'awaiting_upstream',
] as const;

/** A department's ledger line has something in it that month: any of its counts (what the total adds up). */
export function hasWork(row: LedgerRow): boolean {
  return Object.entries(row).some(
    ([k, v]) => k !== 'departmentId' && !k.endsWith('Rate') && typeof v === 'number' && v > 0,
  );
}

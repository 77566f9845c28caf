import { toIso } from '../core/clock.js';
import { phoneKey } from '../core/phone.js';
import type { TicketStatus } from '../tickets/tickets.machine.js';
import type { AssignmentRow, TicketRow } from '../tickets/tickets.repo.js';

/** Where a ticket stands, in the words a citizen is told (办理进度), never the centre's internal steps. */
export const PROGRESS_STAGES = [
  'received',
  'handling',
  'answered',
  'declined',
  'merged',
  'transferred',
  'withdrawn',
] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

export const STAGE_LABELS: Record<ProgressStage, string> = {
  received: '已提交，等待受理',
  handling: '已受理，正在办理',
  answered: '已办结',
  declined: '不予受理',
  merged: '已与相同诉求合并办理',
  transferred: '已退回市级平台办理',
  withdrawn: '已撤销',
};

/** The stage of a ticket in `status`; a closed one is declined when it was closed by `reject`. */
export function stageOf(status: TicketStatus, declined: boolean): ProgressStage {
  switch (status) {
    case 'registered':
      return 'received';
    case 'pending_revisit':
    case 'awaiting_upstream':
      // The reply is approved: what is left (our revisit, Yantai's close) is not the citizen's wait.
      return 'answered';
    case 'closed':
      return declined ? 'declined' : 'answered';
    case 'merged':
      return 'merged';
    case 'returned_upstream':
      return 'transferred';
    case 'cancelled':
      return 'withdrawn';
    default:
      // Waiting for dispatch, with a department, or its reply under review: handling, as far as the citizen goes.
      return 'handling';
  }
}

/** The department leading the work now: the newest top-level lead assignment that was not returned. */
export function leadDepartmentId(assignments: readonly AssignmentRow[]): number | null {
  let lead: AssignmentRow | null = null;
  for (const a of assignments) {
    if (a.role !== 'lead' || a.parentId !== null || a.status === 'returned') continue;
    if (!lead || a.id > lead.id) lead = a;
  }
  return lead?.departmentId ?? null;
}

/**
 * Whether two numbers are the same line, by their keys (core/phone.ts: 0535-1234567 = 05351234567, +86 138… =
 * 138…). Fewer than 7 digits is no phone number: it matches nothing.
 */
export function samePhone(a: string, b: string): boolean {
  const x = phoneKey(a);
  return x.length >= 7 && x === phoneKey(b);
}

/** What a citizen may read of a ticket: no internal notes, no names of staff, no other caller's data. */
export function progressView(
  t: TicketRow,
  extra: { department: string | null; declineReason: string | null },
) {
  const stage = stageOf(t.status, extra.declineReason !== null);
  const answered = stage === 'answered';
  return {
    ticketNo: t.no,
    title: t.title,
    submittedAt: toIso(t.createdAt),
    stage,
    stageLabel: STAGE_LABELS[stage],
    department: stage === 'handling' || answered ? extra.department : null,
    reply: answered ? (t.publicReply ?? t.directAnswer ?? null) : null,
    declineReason: stage === 'declined' ? extra.declineReason : null,
    closedAt: t.closedAt === null ? null : toIso(t.closedAt),
  };
}

export type Progress = ReturnType<typeof progressView>;

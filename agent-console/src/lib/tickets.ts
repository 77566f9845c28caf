// Facts about a ticket and its assignments the console derives from what the API sends: a reply sent back, who
// an assignment's reply is for, whether its clock runs, how many extension days are left. Pure: no Vue, no DOM.
import type { Assignment, Ticket } from '../api/types.js';
import { runningDeadline } from './time.js';

/** Statuses in which the ticket is being handled again after a reply (审核退回, 回访不满意, 市平台退回重办). */
const HANDLING = new Set<Ticket['status']>(['dispatched', 'in_progress', 'return_requested']);

/**
 * Whether the ticket's public reply is one that was sent back: the ticket keeps the last reply it had, and it is
 * being handled again. Its 是否解决 is then no longer the answer.
 */
export const replySentBack = (t: Pick<Ticket, 'status' | 'publicReply'>): boolean =>
  t.publicReply !== null && HANDLING.has(t.status);

/**
 * Who an assignment's reply is for: the lead answers the caller (`lead`), an assisting department and its
 * villages give the lead their 协办意见 (`assist`), a village under the lead reports to its town (`village`).
 * The server puts only the top-level lead's reply on the ticket (公开答复).
 */
export type ReplyKind = 'lead' | 'assist' | 'village';

export function replyKind(a: Pick<Assignment, 'role' | 'parentId'> | null | undefined): ReplyKind {
  if (a?.role === 'assist') return 'assist';
  if (a && a.parentId !== null) return 'village';
  return 'lead';
}

/** The label of an assignment's reply (答复 / 协办意见); a reply sent back stays readable as 上次. */
export function assignmentReplyLabel(a: Pick<Assignment, 'role' | 'parentId' | 'status'>): string {
  const base = replyKind(a) === 'assist' ? '协办意见' : '答复';
  return a.status === 'in_progress' || a.status === 'pending_sign' ? `上次${base}（已退回重办）` : base;
}

/** Whether an assignment has a running clock (`runningDeadline`), so a traffic light means something. */
export const clockRunning = (a: Pick<Assignment, 'status' | 'signDueAt' | 'dueAt'>): boolean =>
  runningDeadline(a) !== null;

/** For work finished late (the server keeps it red): `超期回复` / `超期办结`; null otherwise. */
export function finishedLate(a: Pick<Assignment, 'status' | 'deadline'>): string | null {
  if (a.deadline !== 'red') return null;
  if (a.status === 'replied') return '超期回复';
  if (a.status === 'closed') return '超期办结';
  return null;
}

/** The default cap on extensions in total (DESIGN.md §3: at most 10 working days), when the policy is unknown. */
export const DEFAULT_EXTENSION_CAP_DAYS = 10;

/** Working days an assignment may still ask for: the cap less what it was already granted (0 when none). */
export function extensionDaysLeft(
  a: Pick<Assignment, 'extensionDays'> | null | undefined,
  capDays: number | null | undefined = DEFAULT_EXTENSION_CAP_DAYS,
): number {
  const cap = capDays ?? DEFAULT_EXTENSION_CAP_DAYS;
  return Math.max(0, Math.floor(cap - (a?.extensionDays ?? 0)));
}

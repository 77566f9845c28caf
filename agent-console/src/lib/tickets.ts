// Facts about a ticket the console derives from what the API sends.
import type { Ticket } from '../api/types.js';

/** Statuses in which the ticket is being handled again after a reply (审核退回, 回访不满意, 市平台退回重办). */
const HANDLING = new Set<Ticket['status']>(['dispatched', 'in_progress', 'return_requested']);

/**
 * Whether the ticket's public reply is one that was sent back: the ticket keeps the last reply it had, and it is
 * being handled again. Its 是否解决 is then no longer the answer.
 */
export const replySentBack = (t: Pick<Ticket, 'status' | 'publicReply'>): boolean =>
  t.publicReply !== null && HANDLING.has(t.status);

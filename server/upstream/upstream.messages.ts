import { toIso } from '../core/clock.js';
import type { Committed } from '../tickets/tickets.hooks.js';
import type { MESSAGE_KINDS } from './upstream.tables.js';

export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Where each kind of message goes, under UPSTREAM_BASE_URL (DESIGN.md §5). */
export const MESSAGE_PATHS: Record<MessageKind, string> = {
  receipt: '/receipts',
  return: '/returns',
  progress: '/progress',
  extension: '/extensions',
  feedback: '/feedback',
};

export interface Outbound {
  kind: MessageKind;
  /** The body without its messageId (added when the message is stored). */
  fields: Record<string, unknown>;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * The message Yantai must get because of a committed change to one of its orders, if any:
 * 签收 receipt (explicit accept, or the first dispatch), return, progress, extension request
 * (a local extension that would pass Yantai's due), and final feedback (reply approved).
 */
export function messageFor(
  c: Committed,
  departmentName: (id: number) => string,
  marginMs: number,
): Outbound | null {
  const { ticket, event } = c;
  const orderNo = ticket.upstreamOrderNo;
  if (!orderNo) return null;
  const data = event.data ?? {};
  // Formatted only for a change that sends something (most changes send nothing: an order's registration).
  const at = () => toIso(event.at);
  switch (event.action) {
    case 'accept':
      return { kind: 'receipt', fields: { orderNo, ticketNo: ticket.no, signedAt: at() } };
    case 'dispatch':
      return data.accepted === true
        ? { kind: 'receipt', fields: { orderNo, ticketNo: ticket.no, signedAt: at() } }
        : null;
    case 'return_upstream':
      return { kind: 'return', fields: { orderNo, reason: event.note ?? '', at: at() } };
    case 'report_progress':
      return { kind: 'progress', fields: { orderNo, note: event.note ?? '', at: at() } };
    case 'approve_extension': {
      const requested = num(data.requestedDueAt);
      if (data.exceedsUpstream !== true || requested === null) return null;
      // Ask for Yantai's due to move far enough that ours, with its margin, fits inside it.
      return {
        kind: 'extension',
        fields: {
          orderNo,
          reason: String(data.reason ?? event.note ?? ''),
          requestedDueAt: toIso(requested + marginMs),
        },
      };
    }
    case 'approve_reply': {
      const departmentId = num(data.departmentId);
      const repliedAt = num(data.repliedAt);
      return {
        kind: 'feedback',
        fields: {
          orderNo,
          ticketNo: ticket.no,
          result: ticket.publicReply ?? '',
          department: departmentId === null ? '' : departmentName(departmentId),
          handler: typeof data.repliedBy === 'string' ? data.repliedBy : '',
          completedAt: toIso(repliedAt ?? event.at),
        },
      };
    }
    default:
      return null;
  }
}

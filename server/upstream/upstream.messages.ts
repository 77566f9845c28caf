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

/**
 * The fields of each kind's body besides `messageId`, every one required and never empty (DESIGN.md §5 marks
 * none of them optional).
 */
export const MESSAGE_FIELDS: Record<MessageKind, readonly string[]> = {
  receipt: ['orderNo', 'ticketNo', 'signedAt'],
  return: ['orderNo', 'reason', 'at'],
  progress: ['orderNo', 'note', 'at'],
  extension: ['orderNo', 'reason', 'requestedDueAt'],
  feedback: ['orderNo', 'ticketNo', 'result', 'department', 'handler', 'completedAt'],
};

/** What a required text says when our data truly has none (docs/upstream-v1.md, Penglai → Yantai). */
export const NOT_GIVEN = '未填写';

export interface Outbound {
  kind: MessageKind;
  /** The body without its messageId (added when the message is stored). */
  fields: Record<string, unknown>;
  /** Required texts our data had none for, sent as NOT_GIVEN (worth a warning: it should never happen). */
  notGiven?: string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** Something a reader sees: not only whitespace or zero-width characters. */
const shows = (v: unknown): v is string => typeof v === 'string' && /[^\s\u200b-\u200d\u2060\ufeff]/.test(v);

/**
 * The first of `candidates` that shows something, for a required text; NOT_GIVEN (noted in `missing`) when none
 * does. The ticket actions require these texts, so the fallbacks only matter for data written otherwise (an
 * older version, a hand-edited row): a message Yantai refuses for an empty field, or never gets, is worse.
 */
function required(field: string, missing: string[], ...candidates: unknown[]): string {
  const found = candidates.find(shows);
  if (found !== undefined) return found;
  missing.push(field);
  return NOT_GIVEN;
}

/**
 * The message Yantai must get because of a committed change to one of its orders, if any:
 * 签收 receipt (explicit accept, or the first dispatch), return, progress, extension request
 * (a local extension that would pass Yantai's due), and final feedback (reply approved).
 * Every required text comes from the change's own data first, then from the record it acts on.
 */
export function messageFor(
  c: Committed,
  departmentName: (id: number) => string | undefined,
  marginMs: number,
): Outbound | null {
  const { ticket, event } = c;
  const orderNo = ticket.upstreamOrderNo;
  if (!orderNo) return null;
  const data = event.data ?? {};
  const missing: string[] = [];
  const out = (kind: MessageKind, fields: Record<string, unknown>): Outbound =>
    missing.length > 0 ? { kind, fields, notGiven: missing } : { kind, fields };
  // Formatted only for a change that sends something (most changes send nothing: an order's registration).
  const at = () => toIso(event.at);
  switch (event.action) {
    case 'accept':
      return out('receipt', { orderNo, ticketNo: ticket.no, signedAt: at() });
    case 'dispatch':
      return data.accepted === true ? out('receipt', { orderNo, ticketNo: ticket.no, signedAt: at() }) : null;
    case 'return_upstream':
      // The dispatcher's reason (required by the action) is the event's note.
      return out('return', { orderNo, reason: required('reason', missing, event.note), at: at() });
    case 'report_progress':
      return out('progress', { orderNo, note: required('note', missing, event.note), at: at() });
    case 'approve_extension': {
      const requested = num(data.requestedDueAt);
      if (data.exceedsUpstream !== true || requested === null) return null;
      const days = num(data.days);
      // Ask for Yantai's due to move far enough that ours, with its margin, fits inside it.
      return out('extension', {
        orderNo,
        // The department's reason for the request, else the supervisor's note on approving it, else what it asked.
        reason: required(
          'reason',
          missing,
          data.reason,
          event.note,
          days === null ? null : `承办单位申请延期 ${days} 个工作日`,
        ),
        requestedDueAt: toIso(requested + marginMs),
      });
    }
    case 'approve_reply': {
      // The lead whose reply was approved: the event's assignment (its data copies the department and replier).
      const lead = c.assignments.find((a) => a.id === event.assignmentId);
      const departmentId = num(data.departmentId) ?? lead?.departmentId ?? null;
      const repliedAt = num(data.repliedAt);
      return out('feedback', {
        orderNo,
        ticketNo: ticket.no,
        result: required('result', missing, ticket.publicReply, lead?.reply),
        department: required(
          'department',
          missing,
          departmentId === null ? null : departmentName(departmentId),
        ),
        handler: required('handler', missing, data.repliedBy, lead?.repliedBy),
        completedAt: toIso(repliedAt ?? event.at),
      });
    }
    default:
      return null;
  }
}

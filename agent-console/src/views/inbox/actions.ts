// One inbox ticket without Vue: the buttons offered and their labels, the reply dialog's words by the kind of
// department (the lead answers the caller, the others answer upwards), the 审核退回 still to act on and the
// 催办/督办 events its band shows. Whether an action is allowed is always the server's.
import type { Assignment, Ticket, TicketEvent } from '../../api/types.js';
import { pendingRejection } from '../../lib/events.js';
import { type ReplyKind, replyKind } from '../../lib/tickets.js';
import { type InboxAction, isUrge, offeredActions, urgesOf } from './inbox.js';

export const BUTTON_LABELS: Record<InboxAction, string> = {
  sign: '签收',
  request_return: '申请退单',
  request_extension: '申请延期',
  pass_down: '下派村居',
  reply: '回复办理结果',
  report_progress: '报送进展',
};

/** The actions with a dialog (签收 has none). */
export type DialogAction = Exclude<InboxAction, 'sign'>;

/** What the reply button and dialog say. */
export interface ReplyWords {
  button: string;
  text: string;
  required: string;
  solved: string;
  yes: string;
  no: string;
}

/** The reply as each kind of department gives it: the lead answers the caller, the others answer upwards. */
export const REPLY_WORDS: Record<ReplyKind, ReplyWords> = {
  lead: {
    button: '回复办理结果',
    text: '答复内容（公开，答复来电人）',
    required: '请填写答复内容（将答复来电人）',
    solved: '诉求是否已解决',
    yes: '已解决',
    no: '未解决',
  },
  assist: {
    button: '提交协办意见',
    text: '协办意见（报主办单位，由主办单位统一答复来电人）',
    required: '请填写协办意见',
    solved: '协办事项是否已办理到位',
    yes: '已办理到位',
    no: '尚未办理到位',
  },
  village: {
    button: '回复办理结果',
    text: '办理结果（报镇街，由镇街统一答复来电人）',
    required: '请填写办理结果',
    solved: '诉求是否已解决',
    yes: '已解决',
    no: '未解决',
  },
};

type Own = Pick<Assignment, 'role' | 'parentId'> | null | undefined;

/** The reply's words for our assignment (lead, assisting department, village). */
export const replyWordsOf = (own: Own): ReplyWords => REPLY_WORDS[replyKind(own)];

/** A button's label; the reply's depends on who replies. */
export const buttonLabel = (a: InboxAction, own: Own): string =>
  a === 'reply' ? replyWordsOf(own).button : BUTTON_LABELS[a];

/** Buttons to offer: the server's, less 申请延期 while our request waits for a decision (the server says 409). */
export function inboxButtons(
  allowed: readonly string[] | undefined,
  own: Pick<Assignment, 'pendingExtension'> | null | undefined,
): InboxAction[] {
  const pendingExt = own?.pendingExtension;
  return offeredActions(allowed).filter((a) => !(a === 'request_extension' && pendingExt));
}

/** The 审核退回 still to act on, shown to the department that must reply again (the lead, not a village). */
export function rejectionOf(
  ticket: Pick<Ticket, 'status' | 'events'> | null | undefined,
  own: Pick<Assignment, 'role' | 'parentId'> | null | undefined,
): TicketEvent | null {
  if (own?.role !== 'lead' || own.parentId !== null) return null;
  return pendingRejection(ticket);
}

/**
 * The 催办/督办 events the band shows, newest first. A 督办 event and its 督办单 say the same: the events'
 * 督办 only when no 督办单 is known for the ticket.
 */
export function bandUrges(events: readonly TicketEvent[] | undefined, itemCount: number): TicketEvent[] {
  return urgesOf(events).filter((e) => isUrge(e.action) || itemCount === 0);
}

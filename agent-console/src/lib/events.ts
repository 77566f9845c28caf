// What each step of a ticket's history did, in the words of a 12345 centre: the event log's `data` (the
// departments of a 派单, the village of a 下派, the days of a 延期, a reply's text, a 回访's result…) turned
// into one short line, plus what the handler's view reads from the history (a reply sent back). Pure: no Vue,
// no DOM.
// The `data` of each action is written by server/tickets/tickets.actions.ts (and the scanner, registration
// and the survey in tickets.service.ts / tickets.register.ts); times in it are epoch ms or ISO strings.
import type { Ticket, TicketEvent } from '../api/types.js';
import { channelLabel, satisfactionLabel } from './labels.js';
import { formatDateTime } from './time.js';

/** A department's name by id (`useDirectoryStore().departmentName`); undefined when unknown. */
export type DepartmentNamer = (id: number | null | undefined) => string | undefined;

type EventLike = Pick<TicketEvent, 'action' | 'data' | 'note'>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
/** A time in `data`: epoch ms (the actions) or an ISO string (the scanner). */
const time = (v: unknown): string | null => {
  const at = num(v) ?? str(v);
  if (at === null) return null;
  const text = formatDateTime(at);
  return text === '—' ? null : text;
};

function dept(name: DepartmentNamer, id: unknown): string | null {
  const n = num(id);
  return n === null ? null : (name(n) ?? `单位 #${n}`);
}

/** Joins the parts that are there with ` · `; null when none is. */
function join(parts: (string | null | false | undefined)[]): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length ? kept.join(' · ') : null;
}

const solvedText = (v: unknown): string | null => {
  const b = bool(v);
  return b === null ? null : b ? '已解决' : '未解决';
};

const CLOCK_WORDS: Record<string, string> = {
  sign: '签收',
  handle: '办结',
  upstream_sign: '市平台签收',
  revisit: '回访',
};

/**
 * One short line saying what an event did, from its `data` (the note is shown beside it, so it is not
 * repeated here); null when the action label and the note already say it all.
 */
export function eventSummary(e: EventLike, name: DepartmentNamer): string | null {
  const d = e.data ?? {};
  switch (e.action) {
    case 'register': {
      const channel = str(d.channel);
      const orderNo = str(d.orderNo);
      return join([channel && `来源：${channelLabel(channel)}`, orderNo && `市平台单号 ${orderNo}`]);
    }
    case 'answer':
      return d.sampledForRevisit === true ? '已抽中回访' : null;
    case 'dispatch': {
      const lead = dept(name, d.lead);
      const assists = Array.isArray(d.assists)
        ? d.assists.map((id) => dept(name, id)).filter((n): n is string => n !== null)
        : [];
      const sign = time(d.signDueAt);
      const due = time(d.dueAt);
      return join([
        lead && `主办：${lead}`,
        assists.length > 0 && `协办：${assists.join('、')}`,
        sign && `签收期限 ${sign}`,
        due && `办结期限 ${due}`,
        d.accepted === true &&
          (d.receiptLate === true ? '已向市平台签收（超过市平台签收时限）' : '已向市平台签收'),
      ]);
    }
    case 'accept':
      return d.receiptLate === true ? '超过市平台签收时限签收' : null;
    case 'sign':
      return d.late === true ? '超时签收' : null;
    case 'approve_return': {
      const who = dept(name, d.departmentId);
      return who ? `退单单位：${who}` : null;
    }
    case 'pass_down': {
      const village = dept(name, d.departmentId);
      const due = time(d.dueAt);
      return join([village && `下派至 ${village}`, due && `办结期限 ${due}`]);
    }
    case 'request_extension': {
      const days = num(d.days);
      return days === null ? null : `申请延期 ${days} 个工作日`;
    }
    case 'approve_extension': {
      const days = num(d.days);
      const before = time(d.previousDueAt);
      const after = time(d.dueAt);
      return join([
        days !== null && `同意延期 ${days} 个工作日`,
        after && (before ? `办结期限 ${before} → ${after}` : `办结期限延至 ${after}`),
        d.exceedsUpstream === true && '超出市平台期限的部分已向市平台申请延期',
      ]);
    }
    case 'deny_extension': {
      const days = num(d.days);
      return days === null ? null : `未同意延期 ${days} 个工作日`;
    }
    case 'reply': {
      const withdrawn = num(d.extensionWithdrawn);
      return join([
        solvedText(d.solved),
        d.late === true && '超期回复',
        withdrawn !== null && `已撤回待审核的延期申请（${withdrawn} 个工作日）`,
      ]);
    }
    case 'approve_reply': {
      const who = dept(name, d.departmentId);
      const by = str(d.repliedBy);
      const at = time(d.repliedAt);
      if (!who && !by) return null;
      return `回复单位：${[who, by].filter(Boolean).join(' ')}${at ? `（${at} 回复）` : ''}`;
    }
    case 'urge':
    case 'supervise': {
      // Yantai's 催办/督办 may bring the order's new due (限期); the local due follows it.
      const upstream = time(d.upstreamDueAt);
      if (!upstream) return null;
      const before = time(d.previousDueAt);
      const after = time(d.dueAt);
      return join([
        `市平台办结时限调整为 ${upstream}`,
        after && (before ? `办结期限 ${before} → ${after}` : `办结期限 ${after}`),
      ]);
    }
    case 'reject_reply':
    case 'rework': {
      const due = time(d.dueAt);
      return due ? `重新办理，办结期限 ${due}` : null;
    }
    case 'revisit': {
      const due = time(d.dueAt);
      const late = d.late === true && '超过回访期限';
      if (d.reached === false) return join(['未联系上来电人', late]);
      const satisfaction = str(d.satisfaction);
      return join([
        d.reached === true && '已联系上来电人',
        late,
        solvedText(d.solved),
        satisfaction && satisfactionLabel(satisfaction),
        due && `重办，办结期限 ${due}`,
      ]);
    }
    case 'retransfer': {
      const sign = time(d.signDueAt);
      const due = time(d.dueAt);
      return join([sign && `市平台签收时限 ${sign}`, due && `办结时限 ${due}`, '待重新签收、派单']);
    }
    case 'merge': {
      const into = str(d.into);
      return into ? `并入 ${into}` : null;
    }
    case 'yellow':
    case 'red': {
      const who = dept(name, d.departmentId);
      const clock = CLOCK_WORDS[str(d.clock) ?? ''] ?? '办理';
      const due = time(d.dueAt);
      const prefix = who ? `${who} ` : '';
      if (e.action === 'yellow') return `${prefix}${clock}期限${due ? ` ${due}` : ''} 即将到期`;
      return `${prefix}已超过${clock}期限${due ? `（${due}）` : ''}`;
    }
    case 'survey': {
      const s = str(d.satisfaction);
      return s ? `来电满意度评价：${satisfactionLabel(s)}` : null;
    }
    default:
      return null;
  }
}

/** A longer text an event carries besides its note: a reply's content (kept even after it is sent back). */
export function eventQuote(e: EventLike): { label: string; text: string } | null {
  if (e.action === 'reply') {
    const text = str(e.data?.publicReply);
    return text ? { label: '回复内容', text } : null;
  }
  return null;
}

const NOTE_LABELS: Record<string, string> = {
  reject: '不予受理理由',
  return_upstream: '退回理由',
  request_return: '退单理由',
  approve_return: '审核意见',
  deny_return: '审核意见',
  request_extension: '延期理由',
  approve_extension: '审核意见',
  deny_extension: '审核意见',
  reply: '内部办理说明',
  approve_reply: '审核意见',
  reject_reply: '退回理由',
  revisit: '回访记录',
  report_progress: '进展情况',
  urge: '催办内容',
  supervise: '督办内容',
  caller_urge: '来电内容',
  rework: '退回理由',
  recall: '撤回理由',
  close: '办结说明',
};

/** What an event's note is (退单理由, 延期理由, 内部办理说明…); null for a plain note. */
export function noteLabel(action: string): string | null {
  return NOTE_LABELS[action] ?? null;
}

/**
 * The 审核退回 the handler must act on: the latest `reject_reply` while the ticket is back in progress and
 * no reply has been sent since; null otherwise.
 */
export function pendingRejection(
  ticket: Pick<Ticket, 'status' | 'events'> | null | undefined,
): TicketEvent | null {
  if (ticket?.status !== 'in_progress') return null;
  let rejected: TicketEvent | null = null;
  let replied = -1;
  for (const e of ticket.events ?? []) {
    if (e.action === 'reject_reply' && (!rejected || e.seq > rejected.seq)) rejected = e;
    if (e.action === 'reply' && e.seq > replied) replied = e.seq;
  }
  return rejected && rejected.seq > replied ? rejected : null;
}

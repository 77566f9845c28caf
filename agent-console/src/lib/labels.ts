// Chinese labels of every code the API speaks, in the words a 12345 centre uses. One place, so the
// views say 签收 and 退单 the same way everywhere. Unknown codes fall back to the code itself.
import type {
  AppealType,
  AssignmentStatus,
  DeadlineColor,
  Role,
  Satisfaction,
  TicketStatus,
  Urgency,
} from '../api/types.js';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  registered: '已登记',
  pending_dispatch: '待派单',
  dispatched: '待签收',
  in_progress: '办理中',
  return_requested: '退单审核中',
  replied: '待审核',
  pending_revisit: '待回访',
  awaiting_upstream: '待市平台办结',
  closed: '已办结',
  merged: '已并单',
  cancelled: '已撤回',
  returned_upstream: '已退回市平台',
};

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  pending_sign: '待签收',
  in_progress: '办理中',
  return_requested: '退单审核中',
  replied: '已回复',
  returned: '已退单',
  closed: '已办结',
  cancelled: '已取消',
};

/** Actions of the event log: user actions, the scanner's cards and Yantai's notices. */
export const ACTION_LABELS: Record<string, string> = {
  register: '登记',
  answer: '直办',
  submit: '提交派单',
  reject: '不予受理',
  dispatch: '派单',
  accept: '签收（市平台工单）',
  return_upstream: '退回市平台',
  sign: '签收',
  request_return: '申请退单',
  approve_return: '同意退单',
  deny_return: '驳回退单',
  pass_down: '下派',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  deny_extension: '驳回延期',
  reply: '回复',
  approve_reply: '审核通过',
  reject_reply: '审核退回',
  revisit: '回访',
  survey: '来电满意度评价',
  view_phone: '查看号码',
  report_progress: '报送进展',
  urge: '催办',
  supervise: '督办',
  caller_urge: '市民来电催办',
  merge: '并单',
  yellow: '预警',
  red: '超期',
  close: '市平台办结',
  rework: '市平台退回重办',
  recall: '市平台撤回',
  retransfer: '市平台重新转办',
};

export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

/** Every appeal type and urgency, in the order the forms offer them (their labels' order). */
export const APPEAL_TYPES = Object.keys(APPEAL_TYPE_LABELS) as readonly AppealType[];
export const URGENCIES = Object.keys(URGENCY_LABELS) as readonly Urgency[];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '话务员',
  dispatcher: '派单员',
  handler: '承办人员',
  supervisor: '督办员',
  admin: '管理员',
};

export const ASSIGNMENT_ROLE_LABELS: Record<string, string> = { lead: '主办', assist: '协办' };

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** 来源渠道: the codes of the server and Yantai, and those the desk registers on (DESK_CHANNELS, views/desk/desk.ts). */
export const CHANNEL_LABELS: Record<string, string> = {
  phone: '电话',
  upstream: '市平台转办',
  web: '网上诉求',
  visit: '来访',
  wechat: '微信',
  '110': '110联动',
  letter: '来信',
  email: '电子邮件',
};

export const LEVEL_LABELS: Record<string, string> = { city: '区直部门', town: '镇街', village: '村居' };

/** Traffic light of a deadline (绿 正常 / 黄 预警 / 红 超期), with the Element Plus tag type and a colour. */
export const LIGHTS: Record<
  DeadlineColor,
  { label: string; short: string; tag: 'success' | 'warning' | 'danger'; color: string }
> = {
  green: { label: '正常', short: '绿', tag: 'success', color: '#67c23a' },
  yellow: { label: '预警', short: '黄', tag: 'warning', color: '#e6a23c' },
  red: { label: '超期', short: '红', tag: 'danger', color: '#f56c6c' },
};

/** Element Plus tag type of a ticket status: open work stands out, finished work is grey. */
export function statusTagType(status: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'registered':
    case 'pending_dispatch':
    case 'dispatched':
      return 'warning';
    case 'in_progress':
    case 'replied':
    case 'pending_revisit':
    case 'awaiting_upstream':
      return 'primary';
    case 'return_requested':
      return 'danger';
    case 'closed':
      return 'success';
    default:
      return 'info';
  }
}

const lookup =
  (table: Record<string, string>) =>
  (code: string | null | undefined): string =>
    code == null ? '' : (table[code] ?? code);

export const statusLabel = lookup(STATUS_LABELS);
export const assignmentStatusLabel = lookup(ASSIGNMENT_STATUS_LABELS);
export const actionLabel = lookup(ACTION_LABELS);
export const appealTypeLabel = lookup(APPEAL_TYPE_LABELS);
export const urgencyLabel = lookup(URGENCY_LABELS);
export const roleLabel = lookup(ROLE_LABELS);
export const assignmentRoleLabel = lookup(ASSIGNMENT_ROLE_LABELS);
export const satisfactionLabel = lookup(SATISFACTION_LABELS);
export const channelLabel = lookup(CHANNEL_LABELS);

/**
 * What the person and the number of a ticket are called, by how it came in: 来电人 / 来电号码 for a call (电话, and
 * 110联动 passed on by phone), 诉求人 / 联系电话 for a visit, a letter, an e-mail, WeChat, a web appeal or an order
 * of Yantai's, where nobody called in.
 */
export function callerWords(channel: string): { name: string; phone: string } {
  return channel === 'phone' || channel === '110'
    ? { name: '来电人', phone: '来电号码' }
    : { name: '诉求人', phone: '联系电话' };
}
export const levelLabel = lookup(LEVEL_LABELS);

/** 是 / 否 / — for a nullable boolean. */
export function yesNo(value: boolean | null | undefined): string {
  return value == null ? '—' : value ? '是' : '否';
}

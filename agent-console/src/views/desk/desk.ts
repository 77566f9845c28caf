// The operator desk's pure rules for registering: the form turned into the API's body (with its source: 来源渠道
// and 受理线路), the category tree and its search, the 30-day duplicate query. The agent's state and the call words
// are in agent.logic.ts, the current call and callback tasks in call.logic.ts. No Vue, no DOM: unit-tested in
// test/console/desk.
import type {
  AppealType,
  Category,
  Department,
  RegisterInput,
  TicketQuery,
  TicketStatus,
  Urgency,
} from '../../api/types.js';
import { callerWords, channelLabel } from '../../lib/labels.js';
import { formatDate } from '../../lib/time.js';
import type { CurrentCall } from './call.logic.js';

// ---------------------------------------------------------------- where a ticket came from (来源渠道, 受理线路)

/**
 * The channels an operator registers on, 电话 first (the default): the server takes any code but `web` (网上诉求,
 * the citizens' own, refused with 400) and stores what it is given, so each channel can be counted. `upstream`
 * (市平台转办) is not offered either: Yantai's orders come in through their own API with their order number.
 */
export const DESK_CHANNELS = ['phone', 'visit', 'wechat', '110', 'letter', 'email'] as const;
export type DeskChannel = (typeof DESK_CHANNELS)[number];

/**
 * The hotline numbers (受理线路) the centre answers: the lines of the shipped IVR flows (ivr-flows/, 12345 and
 * the merged 89000), 12345 first. `GET /api/ivr/lines` is for admins, so the desk keeps this mirror
 * (test/console/desk checks it against the flows).
 */
export const DESK_LINES: readonly string[] = ['12345', '89000'];

/** The line of a phone ticket no call tells (the server's default too). */
export const DEFAULT_LINE = '12345';

/** The lines the picker offers: the known ones, and the one picked if it is another (a callback's line). */
export function lineOptions(picked: string): string[] {
  return DESK_LINES.includes(picked) || !picked ? [...DESK_LINES] : [...DESK_LINES, picked];
}

/** A ticket's channel and line as sent (and as the server stores them). */
export interface TicketSource {
  channel: string;
  line: string | null;
}

/**
 * Where the ticket comes from: a linked call makes it 电话 on the call's line (read-only); without one, the
 * operator's channel, and for 电话 the line picked. Other channels have no line: none is sent, and the server
 * stores none (it defaults a line for `phone` only).
 */
export function registerSource(f: Pick<DeskForm, 'callId' | 'line' | 'channel' | 'phoneLine'>): TicketSource {
  if (f.callId) return { channel: 'phone', line: f.line };
  if (f.channel === 'phone') return { channel: 'phone', line: f.phoneLine || DEFAULT_LINE };
  return { channel: f.channel, line: null };
}

/** `电话 · 89000`, `来访`: a source in words (the form's result, the toast). */
export function sourceLabel(s: TicketSource): string {
  const channel = channelLabel(s.channel);
  return s.line ? `${channel} · ${s.line}` : channel;
}

/** The open 漏接回拨 task's line for `phone` (the number the citizen dialled), or null. */
export function callbackLine(
  tasks: readonly { phone: string; line: string; status: string }[],
  phone: string,
): string | null {
  const p = phone.trim();
  return tasks.find((t) => t.status !== 'closed' && t.phone.trim() === p && t.line)?.line ?? null;
}

/**
 * The form after a callback's task told its line (looked up after the number was put in): taken only while the
 * form is still that callback's, unlinked phone ticket with the line untouched.
 */
export function withCallbackLine(f: DeskForm, phone: string, line: string): DeskForm {
  const same = !f.callId && f.channel === 'phone' && f.callerPhone.trim() === phone.trim();
  return same && f.phoneLine === DEFAULT_LINE ? { ...f, phoneLine: line } : f;
}

// ---------------------------------------------------------------- the registration form

export interface DeskForm {
  appealType: AppealType | '';
  categoryId: number | null;
  town: string;
  address: string;
  urgency: Urgency;
  confidential: boolean;
  callerName: string;
  callerPhone: string;
  title: string;
  content: string;
  /** The answer given on the call (直办 only). */
  answer: string;
  /** 来源渠道 picked when no call is linked (a linked call makes it 电话). */
  channel: DeskChannel;
  /** 受理线路 picked for a 电话 ticket when no call is linked (a linked call gives its own). */
  phoneLine: string;
  /** The call the ticket is registered from (links it; the ticket keeps the call's line). */
  callId: string | null;
  /** The linked call's line (null: no call linked). */
  line: string | null;
  /** The linked call's number and when it rang (browser clock, ms): what the form shows of the link. */
  callFrom: string | null;
  callAt: number | null;
}

export function emptyForm(): DeskForm {
  return {
    appealType: '',
    categoryId: null,
    town: '',
    address: '',
    urgency: 'normal',
    confidential: false,
    callerName: '',
    callerPhone: '',
    title: '',
    content: '',
    answer: '',
    channel: 'phone',
    phoneLine: DEFAULT_LINE,
    callId: null,
    line: null,
    callFrom: null,
    callAt: null,
  };
}

/** Nothing typed about the matter yet: a new call may take the form over. */
export function isPristine(f: DeskForm): boolean {
  return (
    !f.title.trim() &&
    !f.content.trim() &&
    !f.answer.trim() &&
    !f.callerName.trim() &&
    !f.address.trim() &&
    f.categoryId === null &&
    f.appealType === ''
  );
}

/** What the form needs of a call to link it. */
export type LinkableCall = Pick<CurrentCall, 'callId' | 'from' | 'line' | 'ringAt'>;

/**
 * The form linked to a call: its number as the caller's phone, its id, line, and when it rang. The source is the
 * call's (电话 on its line); should the link be dropped, the picker starts again from 电话 · 12345.
 */
export function linkCall(f: DeskForm, call: LinkableCall): DeskForm {
  return {
    ...f,
    channel: 'phone',
    phoneLine: DEFAULT_LINE,
    callId: call.callId,
    line: call.line,
    callerPhone: call.from,
    callFrom: call.from,
    callAt: call.ringAt,
  };
}

/** An empty form, linked to `call` if one is given (which call that is: `callInHand` / `afterSave`, link.logic.ts). */
export function resetForm(call: LinkableCall | null): DeskForm {
  return call ? linkCall(emptyForm(), call) : emptyForm();
}

/** The server's pattern for a caller's number. */
/** As the server's `CallerPhone`: digits and dashes after an optional +, at least 3 digits, at most 21 characters. */
export const PHONE_PATTERN = /^(?=.{3,21}$)\+?(-*[0-9]){3}[0-9-]*$/;

export type RegisterMode = 'answer' | 'submit';

export const REGISTER_MODE_LABELS: Record<RegisterMode, string> = { answer: '直办', submit: '提交派单' };

export interface FormProblem {
  field: keyof DeskForm;
  message: string;
}

/** What the browser checks before sending (presentation only: the server still decides). */
export function validateForm(f: DeskForm, mode: RegisterMode): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!f.appealType) problems.push({ field: 'appealType', message: '请选择诉求类型' });
  const phone = callerWords(registerSource(f).channel).phone;
  if (!f.callerPhone.trim()) problems.push({ field: 'callerPhone', message: `请填写${phone}` });
  else if (!PHONE_PATTERN.test(f.callerPhone.trim()))
    problems.push({ field: 'callerPhone', message: `${phone}格式不正确` });
  if (!f.title.trim()) problems.push({ field: 'title', message: '请填写标题' });
  else if (f.title.trim().length > 200) problems.push({ field: 'title', message: '标题不能超过 200 字' });
  if (!f.content.trim()) problems.push({ field: 'content', message: '请填写诉求内容' });
  if (mode === 'answer' && !f.answer.trim())
    problems.push({ field: 'answer', message: '直办须填写答复内容' });
  return problems;
}

/** Enter in the form: 直办 when an answer is written, else 提交派单. */
export function enterMode(f: DeskForm): RegisterMode {
  return f.answer.trim() ? 'answer' : 'submit';
}

/**
 * `POST /api/tickets` body: trimmed, empty optionals left out, the source always said (`registerSource`: a
 * line for 电话 only). Call `validateForm` first.
 */
export function toRegisterInput(f: DeskForm): RegisterInput {
  const name = f.callerName.trim();
  const input: RegisterInput = {
    appealType: f.appealType as AppealType,
    title: f.title.trim(),
    content: f.content.trim(),
    caller: { phone: f.callerPhone.trim(), ...(name ? { name } : {}) },
    urgency: f.urgency,
    confidential: f.confidential,
  };
  if (f.categoryId !== null) input.categoryId = f.categoryId;
  if (f.town.trim()) input.town = f.town.trim();
  if (f.address.trim()) input.address = f.address.trim();
  const source = registerSource(f);
  input.channel = source.channel;
  if (source.line) input.line = source.line;
  if (f.callId) input.callId = f.callId;
  return input;
}

// ---------------------------------------------------------------- categories and towns

export interface CategoryNode {
  value: number;
  label: string;
  code: string;
  /** `城市综合 / 噪声扰民`: what the search matches and the picker shows once chosen. */
  path: string;
  children?: CategoryNode[];
}

/** The enabled categories as a tree by `parentId` (children of a disabled category are left out too). */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const enabled = categories.filter((c) => !c.disabled);
  const byParent = new Map<number | null, Category[]>();
  const ids = new Set(enabled.map((c) => c.id));
  for (const c of enabled) {
    const parent =
      c.parentId !== null && ids.has(c.parentId) ? c.parentId : c.parentId === null ? null : undefined;
    if (parent === undefined) continue; // its parent is disabled or missing
    const list = byParent.get(parent) ?? [];
    list.push(c);
    byParent.set(parent, list);
  }
  const build = (parent: number | null, prefix: string, seen: Set<number>): CategoryNode[] =>
    (byParent.get(parent) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((c) => {
        const path = prefix ? `${prefix} / ${c.name}` : c.name;
        const children = build(c.id, path, new Set([...seen, c.id]));
        return { value: c.id, label: c.name, code: c.code, path, ...(children.length ? { children } : {}) };
      });
  return build(null, '', new Set());
}

/** Search as you type: every word of the query in the node's path or code (case-insensitive). */
export function matchCategory(query: string, node: Pick<CategoryNode, 'path' | 'code'>): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `${node.path} ${node.code}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The towns and streets (镇街) as the `town` field takes them: their names, in directory order. */
export function townNames(departments: readonly Department[]): string[] {
  return departments.filter((d) => d.level === 'town' && !d.disabled).map((d) => d.name);
}

// ---------------------------------------------------------------- the 30-day duplicate hint

export const OPEN_STATUSES: readonly TicketStatus[] = [
  'registered',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
  'pending_revisit',
  'awaiting_upstream',
];

const DAY = 86_400_000;

/** `GET /api/tickets` for the same number's open tickets registered in the last 30 days; null for no valid number. */
export function duplicateQuery(phone: string, now: number): TicketQuery | null {
  const p = phone.trim();
  if (!PHONE_PATTERN.test(p) || p.replace(/\D/g, '').length < 5) return null;
  return { phone: p, from: formatDate(now - 30 * DAY), status: OPEN_STATUSES.join(','), pageSize: 10 };
}

/** 直办答复 after quoting a knowledge article: its answer, after what was typed (once, however often it is quoted). */
export function quoteAnswer(current: string, answer: string): string {
  const typed = current.trim();
  if (!typed) return answer;
  if (typed.includes(answer)) return current;
  return `${typed}\n${answer}`;
}

/** The article a 直办 quoted, when its answer still says it (the operator may have rewritten it since). */
export function quotedKnowledgeId(
  answer: string,
  quoted: { id: number; answer: string } | null,
): number | undefined {
  return quoted && answer.includes(quoted.answer) ? quoted.id : undefined;
}

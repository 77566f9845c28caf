// The deadline policy (`GET /api/policy/deadlines`) in the dispatcher's words. Pure: no Vue, no DOM.
// The server computes every real deadline with its working calendar (the dispatch preview gives the exact
// times); the policy only says which rule applies ("签收时限 1 个工作日，办理时限 5 个工作日"), never a date.
import type { AppealType, Urgency } from '../../api/types.js';

/** A clock of the policy (mirror of server/sla/deadlines.ts `ClockSpec`). */
export interface ClockSpec {
  unit: 'minutes' | 'hours' | 'working_hours' | 'working_days';
  amount: number;
}

/** One rule of the policy (mirror of server/sla/policy.ts `DeadlineRule`). */
export interface DeadlineRule {
  urgency: Urgency;
  appealType: AppealType | null;
  sign: ClockSpec;
  handle: ClockSpec;
  returnWindow: ClockSpec;
  extensionCapDays: number;
  revisit: ClockSpec;
}

/** `GET /api/policy/deadlines` (mirror of server/sla/policy.ts `DeadlinePolicy`). */
export interface DeadlinePolicy {
  rules: DeadlineRule[];
  directAnswerRevisitEvery: number;
  upstreamMarginMinutes: number;
}

const trim = (n: number): string => String(Number.isInteger(n) ? n : Number(n.toFixed(2)));

/** `1 个工作日`, `30 分钟`, `24 小时`, `4 个工作小时`; whole hours of minutes read as hours (240 → 4 小时). */
export function clockText(clock: ClockSpec): string {
  const n = clock.amount;
  switch (clock.unit) {
    case 'minutes':
      return n >= 60 && n % 60 === 0 ? `${trim(n / 60)} 小时` : `${trim(n)} 分钟`;
    case 'hours':
      return `${trim(n)} 小时`;
    case 'working_hours':
      return `${trim(n)} 个工作小时`;
    case 'working_days':
      return `${trim(n)} 个工作日`;
    default:
      return `${trim(n)} ${String((clock as ClockSpec).unit)}`;
  }
}

/**
 * The rule the server applies to a ticket: the one for its urgency and appeal type, else the one for its
 * urgency alone (same choice as server/sla/policy.ts `resolveRule`); null when the policy has neither.
 */
export function ruleFor(
  policy: DeadlinePolicy,
  urgency: Urgency,
  appealType: AppealType,
): DeadlineRule | null {
  return (
    policy.rules.find((r) => r.urgency === urgency && r.appealType === appealType) ??
    policy.rules.find((r) => r.urgency === urgency && r.appealType === null) ??
    null
  );
}

/** The one-line summary: `签收时限 1 个工作日，办理时限 5 个工作日`. */
export function ruleSummary(rule: DeadlineRule): string {
  return `签收时限 ${clockText(rule.sign)}，办理时限 ${clockText(rule.handle)}`;
}

/**
 * The rule in words, shown under the server's exact times as a secondary hint: one line for the rule, and
 * for a Yantai order one for the margin kept before Yantai's due (no dates: the server computes them).
 */
export function ruleHints(
  policy: DeadlinePolicy,
  ticket: { urgency: Urgency; appealType: AppealType; upstreamOrderNo: string | null },
): string[] {
  const rule = ruleFor(policy, ticket.urgency, ticket.appealType);
  if (!rule) return ['时限规则中没有适用于该工单的规则，以服务器计算为准。'];
  const lines = [
    `规则：签收 ${clockText(rule.sign)}，办理 ${clockText(rule.handle)}，退单窗口 ${clockText(rule.returnWindow)}，延期累计不超过 ${trim(rule.extensionCapDays)} 个工作日`,
  ];
  if (ticket.upstreamOrderNo !== null) {
    lines.push(
      `市平台转办：各项期限不晚于市平台办结时限前 ${clockText({ unit: 'minutes', amount: policy.upstreamMarginMinutes })}`,
    );
  }
  return lines;
}

/** Whose rule it is: `一般 · 通用规则` or `紧急 · 投诉`. */
export function ruleScope(rule: DeadlineRule, labels: { urgency: string; appealType?: string }): string {
  return `${labels.urgency} · ${rule.appealType === null ? '通用规则' : (labels.appealType ?? rule.appealType)}`;
}

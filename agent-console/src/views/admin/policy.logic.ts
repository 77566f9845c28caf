// Pure rules of the deadline policy tab (时限规则): clocks in words, rules sorted and edited, and the server's 400
// field errors placed next to their inputs in Chinese. No Vue, no DOM: unit-tested in node (test/console/admin/).
import type { ClockUnit, DeadlinePolicy, DeadlineRule } from '../../api/admin.js';
import type { AppealType, Urgency } from '../../api/types.js';
import { APPEAL_TYPES, URGENCIES } from '../../lib/labels.js';

// ——— Deadline policy ——————————————————————————————————————————————————————————————————————————————

export const CLOCK_UNITS: readonly ClockUnit[] = ['minutes', 'hours', 'working_hours', 'working_days'];
export const CLOCK_UNIT_LABELS: Record<ClockUnit, string> = {
  minutes: '分钟',
  hours: '小时',
  working_hours: '工作小时',
  working_days: '工作日',
};
export const CLOCKS = ['sign', 'handle', 'returnWindow', 'revisit'] as const;
export type ClockName = (typeof CLOCKS)[number];
export const CLOCK_LABELS: Record<ClockName, string> = {
  sign: '签收时限',
  handle: '办理时限',
  returnWindow: '退单时限',
  revisit: '回访时限',
};

/** `1 工作日`, `30 分钟` */
export function clockText(clock: { unit: ClockUnit; amount: number }): string {
  return `${clock.amount} ${CLOCK_UNIT_LABELS[clock.unit] ?? clock.unit}`;
}

/** A deep copy to edit (the table edits it in place; the loaded policy stays as it was). */
export function clonePolicy(policy: DeadlinePolicy): DeadlinePolicy {
  return JSON.parse(JSON.stringify(policy)) as DeadlinePolicy;
}

/** A new rule for an appeal type, starting from the urgency's general rule (or the first rule). */
export function newRule(
  policy: DeadlinePolicy,
  urgency: Urgency = 'normal',
  appealType: AppealType | null = 'complaint',
): DeadlineRule {
  const base = policy.rules.find((r) => r.urgency === urgency && r.appealType === null) ?? policy.rules[0];
  const copy = base
    ? (JSON.parse(JSON.stringify(base)) as DeadlineRule)
    : {
        urgency,
        appealType: null,
        sign: { unit: 'working_days' as const, amount: 1 },
        handle: { unit: 'working_days' as const, amount: 5 },
        returnWindow: { unit: 'working_days' as const, amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days' as const, amount: 1 },
      };
  return { ...copy, urgency, appealType };
}

/** Rules general first, then by urgency and appeal type, for display after loading. */
export function sortRules(rules: readonly DeadlineRule[]): DeadlineRule[] {
  const u = (x: Urgency) => URGENCIES.indexOf(x);
  const a = (x: AppealType | null) => (x === null ? -1 : APPEAL_TYPES.indexOf(x));
  return [...rules].sort((x, y) => u(x.urgency) - u(y.urgency) || a(x.appealType) - a(y.appealType));
}

/**
 * Where a 400 of `PUT /api/policy/deadlines` belongs: a clock cell (`rules.0.sign`), a rule cell
 * (`rules.0.extensionCapDays`), a whole row (`rules.1`), the rule list (`rules`) or a top field.
 */
export function policyErrorKey(field: string | undefined): string {
  if (!field) return 'body';
  const parts = field.split('.');
  if (parts[0] !== 'rules') return parts[0] ?? 'body';
  if (parts.length === 1 || !/^\d+$/.test(parts[1] ?? '')) return 'rules';
  // `rules.0.sign.amount` and `rules.0.sign.unit` are both the sign clock's cell.
  return parts.slice(0, 3).join('.');
}

const RULE_FIELD_LABELS: Record<string, string> = {
  ...CLOCK_LABELS,
  urgency: '紧急程度',
  appealType: '诉求类型',
  extensionCapDays: '延期上限',
};

/** Where a policyErrorKey is, for the sentence above the table: 第 1 条规则「签收时限」. */
export function policyErrorLabel(key: string): string | null {
  if (key === 'directAnswerRevisitEvery') return '直办件回访抽查';
  if (key === 'upstreamMarginMinutes') return '市平台工单预留时间';
  if (key === 'revisitAttempts') return '回访尝试次数';
  if (key === 'rules') return '时限规则';
  const m = key.match(/^rules\.(\d+)(?:\.(\w+))?$/);
  if (!m) return null;
  const row = `第 ${Number(m[1]) + 1} 条规则`;
  return m[2] ? `${row}「${RULE_FIELD_LABELS[m[2]] ?? m[2]}」` : row;
}

/** The validator's and the policy check's English, by pattern, in Chinese (`$1` is the first capture). */
const FIELD_MESSAGES: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be > (-?[\d.]+)/, (m) => `须大于 ${m[1]}`],
  [/^must be >= (-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/^must be < (-?[\d.]+)/, (m) => `须小于 ${m[1]}`],
  [/^must be <= (-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/^must be integer/, () => '须为整数'],
  [/^must be number/, () => '须为数字'],
  [/^must NOT have fewer than (\d+) items/, (m) => `至少需要 ${m[1]} 条规则`],
  [/^must NOT have more than (\d+) items/, (m) => `最多 ${m[1]} 条规则`],
  [/^must be equal to one of the allowed values/, () => '请从列表中选择'],
  [/^must have required property/, () => '必填'],
  [/must match pattern/, () => '格式不正确'],
  [/start must be before end/, () => '每个时段的开始时间须早于结束时间'],
  [/must be sorted and must not overlap/, () => '时段之间不能重叠'],
  [/'HH:MM' between/, () => '时间须在 00:00 到 24:00 之间'],
  [/at least one period is required/, () => '至少需要一个时段'],
];

/** The server's validator text (`rules.0.sign.amount: must be > 0`) in Chinese, for beside the field. */
export function fieldErrorText(serverMessage: string | undefined): string {
  const text = (serverMessage ?? '').replace(/^[\w.]+:\s*/, '').trim();
  if (/[\u4e00-\u9fff]/.test(text)) return text;
  for (const [pattern, say] of FIELD_MESSAGES) {
    const m = text.match(pattern);
    if (m) return say(m);
  }
  return '填写有误，请检查';
}

/**
 * Whether a rule may be deleted: not the only general rule (any appeal type) of its urgency, which the server
 * requires (every ticket needs a rule to fall back on).
 */
export function canRemoveRule(rules: readonly DeadlineRule[], index: number): boolean {
  const rule = rules[index];
  if (!rule) return false;
  if (rule.appealType !== null) return true;
  return rules.some((r, i) => i !== index && r.urgency === rule.urgency && r.appealType === null);
}

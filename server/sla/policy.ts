import type { AppealType, Urgency } from '../tickets/tickets.machine.js';
import type { ClockSpec } from './deadlines.js';

/** The clocks that apply to a ticket of one urgency (and optionally one appeal type). */
export interface DeadlineRule {
  urgency: Urgency;
  /** null: every appeal type without a rule of its own. */
  appealType: AppealType | null;
  /** 签收 */
  sign: ClockSpec;
  /** 办理 */
  handle: ClockSpec;
  /** 退单 window after dispatch. */
  returnWindow: ClockSpec;
  /** 延期: working days that may be added in total. */
  extensionCapDays: number;
  /** 回访 after an approved reply. */
  revisit: ClockSpec;
}

export interface DeadlinePolicy {
  rules: DeadlineRule[];
  /** Every Nth direct answer (直办) is sampled for a revisit; 0 never. */
  directAnswerRevisitEvery: number;
  /** For Yantai orders: our due is at least this long before Yantai's, to leave time for review and feedback. */
  upstreamMarginMinutes: number;
  /**
   * 回访: unreached attempts a revisit round may make; the last one closes the ticket as 回访不成功 (无法联系),
   * without a satisfaction. 0: no limit (the ticket waits in 待回访 until the caller is reached).
   */
  revisitAttempts: number;
}

const COMMON = {
  returnWindow: { unit: 'working_days', amount: 2 },
  extensionCapDays: 10,
  revisit: { unit: 'working_days', amount: 1 },
} as const;

/** The defaults of DESIGN.md §3 (Tianjin signing rules, Shandong 2020 handling rules). */
export const DEFAULT_POLICY: DeadlinePolicy = {
  rules: [
    {
      urgency: 'normal',
      appealType: null,
      sign: { unit: 'working_days', amount: 1 },
      handle: { unit: 'working_days', amount: 5 },
      ...COMMON,
    },
    {
      urgency: 'urgent',
      appealType: null,
      sign: { unit: 'minutes', amount: 30 },
      handle: { unit: 'hours', amount: 24 },
      ...COMMON,
    },
  ],
  directAnswerRevisitEvery: 10,
  upstreamMarginMinutes: 240,
  revisitAttempts: 3,
};

/** The most specific rule for a ticket: its urgency and appeal type, else its urgency alone. */
export function resolveRule(policy: DeadlinePolicy, urgency: Urgency, appealType: AppealType): DeadlineRule {
  const exact = policy.rules.find((r) => r.urgency === urgency && r.appealType === appealType);
  const general = policy.rules.find((r) => r.urgency === urgency && r.appealType === null);
  const rule = exact ?? general;
  if (!rule) throw new Error(`deadline policy has no rule for urgency ${urgency}`);
  return rule;
}

const URGENCY_WORDS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

/** Problems that make a policy unusable (empty when it is fine), each `field: reason`. */
export function policyProblems(policy: DeadlinePolicy): string[] {
  const problems: string[] = [];
  for (const urgency of ['normal', 'urgent'] as const) {
    if (!policy.rules.some((r) => r.urgency === urgency && r.appealType === null)) {
      problems.push(`rules: 须保留「${URGENCY_WORDS[urgency]}」的通用规则（诉求类型为全部）`);
    }
  }
  const seen = new Set<string>();
  for (const [i, r] of policy.rules.entries()) {
    const key = `${r.urgency}/${r.appealType}`;
    if (seen.has(key)) problems.push(`rules.${i}: 与另一条规则的紧急程度和诉求类型重复`);
    seen.add(key);
  }
  return problems;
}

import { describe, expect, it } from 'vitest';
import {
  type ClockSpec,
  clockText,
  type DeadlinePolicy,
  ruleFor,
  ruleHints,
  ruleScope,
  ruleSummary,
} from '../../../agent-console/src/views/dispatch/policy.js';
import { DEFAULT_POLICY } from '../../../server/sla/policy.js';

// The console's mirror of the policy type must accept what the server holds.
const serverPolicy: DeadlinePolicy = DEFAULT_POLICY;

describe('clockText', () => {
  const cases: [ClockSpec, string][] = [
    [{ unit: 'working_days', amount: 1 }, '1 个工作日'],
    [{ unit: 'working_days', amount: 0.5 }, '0.5 个工作日'],
    [{ unit: 'minutes', amount: 30 }, '30 分钟'],
    [{ unit: 'minutes', amount: 240 }, '4 小时'],
    [{ unit: 'minutes', amount: 90 }, '90 分钟'],
    [{ unit: 'hours', amount: 24 }, '24 小时'],
    [{ unit: 'working_hours', amount: 4 }, '4 个工作小时'],
    [{ unit: 'hours', amount: 1 / 3 }, '0.33 小时'],
  ];
  for (const [clock, want] of cases)
    it(`${clock.amount} ${clock.unit} → ${want}`, () => expect(clockText(clock)).toBe(want));
});

describe('ruleFor: the most specific rule, like the server', () => {
  const complaintUrgent = {
    ...serverPolicy.rules[1]!,
    appealType: 'complaint' as const,
    sign: { unit: 'minutes' as const, amount: 15 },
  };
  const policy: DeadlinePolicy = { ...serverPolicy, rules: [...serverPolicy.rules, complaintUrgent] };
  const cases: { urgency: 'normal' | 'urgent'; appealType: 'complaint' | 'help'; want: string | null }[] = [
    { urgency: 'normal', appealType: 'complaint', want: '签收时限 1 个工作日，办理时限 5 个工作日' },
    { urgency: 'urgent', appealType: 'help', want: '签收时限 30 分钟，办理时限 24 小时' },
    { urgency: 'urgent', appealType: 'complaint', want: '签收时限 15 分钟，办理时限 24 小时' },
  ];
  for (const c of cases) {
    it(`${c.urgency} ${c.appealType}`, () => {
      const rule = ruleFor(policy, c.urgency, c.appealType);
      expect(rule && ruleSummary(rule)).toBe(c.want);
    });
  }
  it('null when the policy has no rule for the urgency', () => {
    expect(ruleFor({ ...policy, rules: [] }, 'normal', 'help')).toBeNull();
  });
  it('names the scope', () => {
    expect(ruleScope(serverPolicy.rules[0]!, { urgency: '一般' })).toBe('一般 · 通用规则');
    expect(ruleScope(complaintUrgent, { urgency: '紧急', appealType: '投诉' })).toBe('紧急 · 投诉');
  });
});

describe('ruleHints: the rule in words, beside the server’s exact times', () => {
  const cases: {
    name: string;
    policy: DeadlinePolicy;
    ticket: {
      urgency: 'normal' | 'urgent';
      appealType: 'help' | 'complaint';
      upstreamOrderNo: string | null;
    };
    want: string[];
  }[] = [
    {
      name: 'a local normal ticket',
      policy: serverPolicy,
      ticket: { urgency: 'normal', appealType: 'help', upstreamOrderNo: null },
      want: ['规则：签收 1 个工作日，办理 5 个工作日，退单窗口 2 个工作日，延期累计不超过 10 个工作日'],
    },
    {
      name: 'a Yantai order adds the margin before Yantai’s due',
      policy: serverPolicy,
      ticket: { urgency: 'urgent', appealType: 'help', upstreamOrderNo: 'YT1' },
      want: [
        expect.stringMatching(/^规则：签收 30 分钟，办理 24 小时，/) as unknown as string,
        '市平台转办：各项期限不晚于市平台办结时限前 4 小时',
      ],
    },
    {
      name: 'no rule: says the server decides',
      policy: { ...serverPolicy, rules: [] },
      ticket: { urgency: 'normal', appealType: 'help', upstreamOrderNo: null },
      want: ['时限规则中没有适用于该工单的规则，以服务器计算为准。'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(ruleHints(c.policy, c.ticket)).toEqual(c.want));
});

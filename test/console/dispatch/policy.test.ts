import { describe, expect, it } from 'vitest';
import {
  type ClockSpec,
  clockText,
  type DeadlinePolicy,
  previewLines,
  ruleFor,
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

describe('previewLines', () => {
  it('a local normal ticket', () => {
    expect(
      previewLines(serverPolicy, { urgency: 'normal', appealType: 'help', upstreamOrderNo: null }),
    ).toEqual([
      '签收时限：派单后 1 个工作日',
      '办理时限：派单后 5 个工作日',
      '退单时限：派单后 2 个工作日内可申请退单',
      '延期：累计不超过 10 个工作日',
    ]);
  });
  it('a Yantai order adds the margin before Yantai’s due', () => {
    const lines = previewLines(serverPolicy, {
      urgency: 'urgent',
      appealType: 'help',
      upstreamOrderNo: 'YT1',
    });
    expect(lines[0]).toBe('签收时限：派单后 30 分钟');
    expect(lines.at(-1)).toBe('市平台转办：各项时限不晚于市平台办结时限前 4 小时');
  });
  it('no rule: says the server decides', () => {
    expect(
      previewLines(
        { ...serverPolicy, rules: [] },
        { urgency: 'normal', appealType: 'help', upstreamOrderNo: null },
      ),
    ).toEqual(['时限规则中没有适用于该工单的规则，派单时以服务器计算为准。']);
  });
});

import { describe, expect, it } from 'vitest';
import type { CalendarDay, DeadlinePolicy } from '../../../agent-console/src/api/admin.js';
import {
  dayBadge,
  dayKind,
  hoursBody,
  hoursText,
  isoWeekday,
  monthGrid,
  monthRange,
  shiftMonth,
  unscheduledNotice,
} from '../../../agent-console/src/views/admin/calendar.logic.js';
import {
  canRemoveRule,
  clockText,
  fieldErrorText,
  newRule,
  policyErrorKey,
  policyErrorLabel,
  sortRules,
} from '../../../agent-console/src/views/admin/policy.logic.js';

describe('deadline policy', () => {
  it.each([
    ['rules.0.sign.amount', 'rules.0.sign'],
    ['rules.1.handle.unit', 'rules.1.handle'],
    ['rules.2.extensionCapDays', 'rules.2.extensionCapDays'],
    ['rules.3', 'rules.3'],
    ['rules', 'rules'],
    ['upstreamMarginMinutes', 'upstreamMarginMinutes'],
    ['body', 'body'],
    [undefined, 'body'],
  ])('error at %s belongs to %s', (field, key) => expect(policyErrorKey(field)).toBe(key));

  it.each([
    ['rules.0.sign', '第 1 条规则「签收时限」'],
    ['rules.2.extensionCapDays', '第 3 条规则「延期上限」'],
    ['rules.1.appealType', '第 2 条规则「诉求类型」'],
    ['rules.3', '第 4 条规则'],
    ['rules', '时限规则'],
    ['upstreamMarginMinutes', '市平台工单预留时间'],
    ['directAnswerRevisitEvery', '直办件回访抽查'],
    ['body', null],
  ])('error key %s is at %s', (key, label) => expect(policyErrorLabel(key)).toBe(label));

  it.each([
    ['rules.0.sign.amount: must be > 0', '须大于 0'],
    ['upstreamMarginMinutes: must be <= 10080', '不能大于 10080'],
    ['rules.0.extensionCapDays: must be >= 0', '不能小于 0'],
    ['rules.0.extensionCapDays: must be integer', '须为整数'],
    ['rules.0.sign.amount: must be number', '须为数字'],
    ['rules: must NOT have fewer than 2 items', '至少需要 2 条规则'],
    // The policy check's own reasons are Chinese already (server/sla/policy.ts).
    ['rules.2: 与另一条规则的紧急程度和诉求类型重复', '与另一条规则的紧急程度和诉求类型重复'],
    ['x: 已经是中文', '已经是中文'],
    ['hours: invalid period 2: start must be before end', '每个时段的开始时间须早于结束时间'],
    ['hours: invalid period 2: periods must be sorted and must not overlap', '时段之间不能重叠'],
    ['something else', '填写有误，请检查'],
    [undefined, '填写有误，请检查'],
  ])('%s → %s', (msg, text) => expect(fieldErrorText(msg)).toBe(text));

  const policy: DeadlinePolicy = {
    rules: [
      {
        urgency: 'urgent',
        appealType: null,
        sign: { unit: 'minutes', amount: 30 },
        handle: { unit: 'hours', amount: 24 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days', amount: 1 },
      },
      {
        urgency: 'normal',
        appealType: 'complaint',
        sign: { unit: 'working_days', amount: 1 },
        handle: { unit: 'working_days', amount: 3 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 5,
        revisit: { unit: 'working_days', amount: 1 },
      },
      {
        urgency: 'normal',
        appealType: null,
        sign: { unit: 'working_days', amount: 1 },
        handle: { unit: 'working_days', amount: 5 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days', amount: 1 },
      },
    ],
    directAnswerRevisitEvery: 10,
    upstreamMarginMinutes: 240,
    revisitAttempts: 3,
  };
  it('keeps the one general rule of each urgency from being deleted, and lets any other go', () => {
    expect(policy.rules.map((_, i) => canRemoveRule(policy.rules, i))).toEqual([false, true, false]);
    const twoGeneral = [...policy.rules, { ...policy.rules[2]! }];
    expect(canRemoveRule(twoGeneral, 2)).toBe(true);
    expect(canRemoveRule(policy.rules, 9)).toBe(false);
  });

  it('sorts general rules first, normal before urgent', () => {
    expect(sortRules(policy.rules).map((r) => `${r.urgency}/${r.appealType}`)).toEqual([
      'normal/null',
      'normal/complaint',
      'urgent/null',
    ]);
  });
  it('a new rule copies the general rule of its urgency, not shared', () => {
    const r = newRule(policy, 'urgent', 'report');
    expect(r).toMatchObject({
      urgency: 'urgent',
      appealType: 'report',
      sign: { unit: 'minutes', amount: 30 },
    });
    r.sign.amount = 99;
    expect(policy.rules[0]?.sign.amount).toBe(30);
  });
  it('a new rule in an empty policy has defaults', () => {
    expect(newRule({ ...policy, rules: [] }, 'normal', null).handle).toEqual({
      unit: 'working_days',
      amount: 5,
    });
  });
  it.each([
    [{ unit: 'working_days', amount: 5 }, '5 工作日'],
    [{ unit: 'minutes', amount: 30 }, '30 分钟'],
    [{ unit: 'working_hours', amount: 4 }, '4 工作小时'],
  ] as const)('clock %j', (c, text) => expect(clockText(c)).toBe(text));
});

describe('working calendar', () => {
  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('range of %s', (m, from, to) => expect(monthRange(m)).toEqual({ from, to }));
  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-05', 0, '2026-05'],
    ['2026-05', 13, '2027-06'],
  ])('%s %+d → %s', (m, d, out) => expect(shiftMonth(m, d)).toBe(out));
  it.each([
    ['2026-11-30', 1],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2026-10-01', 4],
  ])('weekday of %s is %i', (d, w) => expect(isoWeekday(d)).toBe(w));

  it('November 2026 starts on a Sunday: six weeks, Monday first', () => {
    const g = monthGrid('2026-11');
    expect(g).toHaveLength(6);
    expect(g[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(g[5]).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(g.every((w) => w.length === 7)).toBe(true);
    expect(g.flat().filter(Boolean)).toHaveLength(30);
  });
  it('February 2027 fills four whole weeks', () => {
    const g = monthGrid('2027-02');
    expect(g).toHaveLength(4);
    expect(g[0]?.[0]).toBe('2027-02-01');
    expect(g[3]?.[6]).toBe('2027-02-28');
  });

  const day = (
    date: string,
    work: boolean,
    source: CalendarDay['source'],
    note: string | null = null,
  ): CalendarDay => ({
    date,
    work,
    source,
    note,
  });
  it.each([
    [day('2026-09-30', true, 'official'), 'workday', null],
    [day('2026-10-11', false, 'official'), 'weekend', null],
    [day('2026-10-01', false, 'official', '国庆节'), 'holiday', '休'],
    [day('2026-10-10', true, 'official', '国庆节'), 'makeup', '班'],
    [day('2026-11-27', false, 'override', '防汛'), 'override_off', '休'],
    [day('2026-11-28', true, 'override'), 'override_work', '班'],
  ])('%j is %s', (d, kind, badge) => {
    expect(dayKind(d)).toBe(kind);
    expect(dayBadge(d)).toBe(badge);
  });

  it('hours are trimmed and ordered', () => {
    const body = hoursBody([
      { start: '13:30 ', end: '17:30' },
      { start: '08:30', end: ' 12:00' },
    ]);
    expect(body).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(hoursText(body)).toBe('08:30–12:00、13:30–17:30');
  });
});

describe('a year without the official schedule', () => {
  const day = (date: string, source: CalendarDay['source']): CalendarDay => ({
    date,
    work: true,
    source,
    note: null,
  });

  it('warns with the years whose days the server counts Monday–Friday only', () => {
    const notice = unscheduledNotice([
      day('2026-12-31', 'official'),
      day('2027-01-01', 'weekday'),
      day('2027-01-02', 'override'),
      day('2027-01-04', 'weekday'),
    ]);
    expect(notice).toMatch(/^2027 年的法定节假日与调休安排尚未收录，办理时限暂按周一至周五计算/);
  });

  it('says nothing when every day is the official schedule or an override', () => {
    expect(unscheduledNotice([day('2026-12-31', 'official'), day('2027-01-01', 'override')])).toBeNull();
  });
});

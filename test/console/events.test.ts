import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../agent-console/src/api/types.js';
import { eventQuote, eventSummary, noteLabel, pendingRejection } from '../../agent-console/src/lib/events.js';
import { ACTIONS } from '../../server/tickets/tickets.machine.js';
import { ticketFixture } from './fixtures.js';

const NAMES: Record<number, string> = {
  3: '区住建局',
  5: '区市场监管局',
  7: '区供水公司',
  25: '刘家沟镇',
  26: '刘家沟村',
};
const name = (id: number | null | undefined) => (id == null ? undefined : NAMES[id]);

// 2026-11-24 09:00 and 2026-11-30 17:30 in China time, as the actions write them (epoch ms).
const SIGN_DUE = Date.parse('2026-11-24T09:00:00+08:00');
const DUE = Date.parse('2026-11-30T17:30:00+08:00');
const LATER = Date.parse('2026-12-03T17:30:00+08:00');

let seq = 0;
function event(action: string, data: Record<string, unknown> | null = null, over: Partial<TicketEvent> = {}) {
  seq += 1;
  return {
    seq,
    action,
    from: 'in_progress',
    to: 'in_progress',
    actor: '张三',
    actorId: 1,
    departmentId: null,
    note: null,
    data,
    at: '2026-11-25T10:00:00+08:00',
    ...over,
  } satisfies TicketEvent;
}

describe('eventSummary', () => {
  it.each([
    ['register (phone)', 'register', { channel: 'phone', callId: null }, '来源：电话'],
    [
      'register (Yantai order)',
      'register',
      { channel: 'upstream', orderNo: 'YT2026112300001', messageId: 'm1' },
      '来源：市平台转办 · 市平台单号 YT2026112300001',
    ],
    ['answer sampled for revisit', 'answer', { sampledForRevisit: true }, '已抽中回访'],
    ['answer not sampled', 'answer', { sampledForRevisit: false }, null],
    [
      'dispatch with assists',
      'dispatch',
      { lead: 3, assists: [5, 7], signDueAt: SIGN_DUE, dueAt: DUE, accepted: false },
      '主办：区住建局 · 协办：区市场监管局、区供水公司 · 签收期限 2026-11-24 09:00 · 办结期限 2026-11-30 17:30',
    ],
    [
      'dispatch of a Yantai order, unknown department',
      'dispatch',
      { lead: 99, assists: [], signDueAt: SIGN_DUE, dueAt: DUE, accepted: true },
      '主办：单位 #99 · 签收期限 2026-11-24 09:00 · 办结期限 2026-11-30 17:30 · 已向市平台签收',
    ],
    ['sign late', 'sign', { late: true }, '超时签收'],
    ['sign on time', 'sign', { late: false }, null],
    ['approve_return', 'approve_return', { departmentId: 3 }, '退单单位：区住建局'],
    [
      'pass_down',
      'pass_down',
      { departmentId: 26, dueAt: DUE },
      '下派至 刘家沟村 · 办结期限 2026-11-30 17:30',
    ],
    ['request_extension', 'request_extension', { days: 3 }, '申请延期 3 个工作日'],
    [
      'approve_extension',
      'approve_extension',
      {
        days: 3,
        reason: '需现场勘查',
        dueAt: LATER,
        previousDueAt: DUE,
        requestedDueAt: LATER,
        exceedsUpstream: false,
      },
      '同意延期 3 个工作日 · 办结期限 2026-11-30 17:30 → 2026-12-03 17:30',
    ],
    [
      'approve_extension past Yantai due',
      'approve_extension',
      { days: 5, dueAt: DUE, previousDueAt: SIGN_DUE, requestedDueAt: LATER, exceedsUpstream: true },
      '同意延期 5 个工作日 · 办结期限 2026-11-24 09:00 → 2026-11-30 17:30 · 超出市平台期限的部分已向市平台申请延期',
    ],
    ['deny_extension', 'deny_extension', { days: 3 }, '未同意延期 3 个工作日'],
    ['reply solved', 'reply', { publicReply: '已处理', solved: true, late: false }, '已解决'],
    [
      'reply unsolved, late, withdrawing an extension request',
      'reply',
      { publicReply: '正在协调', solved: false, late: true, extensionWithdrawn: 2 },
      '未解决 · 超期回复 · 已撤回待审核的延期申请（2 个工作日）',
    ],
    [
      'approve_reply',
      'approve_reply',
      { departmentId: 3, repliedBy: '李四', repliedAt: DUE },
      '回复单位：区住建局 李四（2026-11-30 17:30 回复）',
    ],
    ['reject_reply', 'reject_reply', { dueAt: LATER }, '重新办理，办结期限 2026-12-03 17:30'],
    ['Yantai rework', 'rework', { dueAt: LATER }, '重新办理，办结期限 2026-12-03 17:30'],
    [
      'Yantai sends a returned order again',
      'retransfer',
      { signDueAt: LATER, dueAt: LATER },
      '市平台签收时限 2026-12-03 17:30 · 办结时限 2026-12-03 17:30 · 待重新签收、派单',
    ],
    [
      'revisit satisfied',
      'revisit',
      { reached: true, solved: true, satisfaction: 'satisfied' },
      '已联系上来电人 · 已解决 · 满意',
    ],
    [
      'revisit unsatisfied, reworked',
      'revisit',
      { reached: true, solved: false, satisfaction: 'unsatisfied', dueAt: LATER },
      '已联系上来电人 · 未解决 · 不满意 · 重办，办结期限 2026-12-03 17:30',
    ],
    ['revisit unreached', 'revisit', { reached: false, solved: null, satisfaction: null }, '未联系上来电人'],
    [
      'revisit unreached after its due',
      'revisit',
      { reached: false, solved: null, satisfaction: null, late: true },
      '未联系上来电人 · 超过回访期限',
    ],
    [
      'revisit after its due',
      'revisit',
      { reached: true, solved: true, satisfaction: 'satisfied', late: true },
      '已联系上来电人 · 超过回访期限 · 已解决 · 满意',
    ],
    ['accept by Yantai’s time', 'accept', { receiptLate: false }, null],
    ['accept after Yantai’s time', 'accept', { receiptLate: true }, '超过市平台签收时限签收'],
    ['merge', 'merge', { into: 'PL20261123000002' }, '并入 PL20261123000002'],
    [
      'yellow card (ISO due from the scanner)',
      'yellow',
      { clock: 'handle', dueAt: '2026-11-30T09:30:00.000Z', departmentId: 3 },
      '区住建局 办结期限 2026-11-30 17:30 即将到期',
    ],
    [
      'red card on the sign clock',
      'red',
      { clock: 'sign', dueAt: '2026-11-24T01:00:00.000Z', departmentId: 25 },
      '刘家沟镇 已超过签收期限（2026-11-24 09:00）',
    ],
    [
      'yellow card on Yantai’s receipt clock (no department holds the order)',
      'yellow',
      { clock: 'upstream_sign', dueAt: '2026-11-24T01:00:00.000Z' },
      '市平台签收期限 2026-11-24 09:00 即将到期',
    ],
    [
      'red card on Yantai’s receipt clock',
      'red',
      { clock: 'upstream_sign', dueAt: '2026-11-24T01:00:00.000Z' },
      '已超过市平台签收期限（2026-11-24 09:00）',
    ],
    [
      'red card on the revisit clock',
      'red',
      { clock: 'revisit', dueAt: '2026-11-24T01:00:00.000Z' },
      '已超过回访期限（2026-11-24 09:00）',
    ],
    ['survey', 'survey', { callId: 'c1', satisfaction: 'basically_satisfied' }, '来电满意度评价：基本满意'],
    ['urge (the note says it)', 'urge', null, null],
    ['submit', 'submit', {}, null],
    ['an action the console does not know', 'something_new', { x: 1 }, null],
  ])('%s', (_, action, data, expected) => {
    expect(eventSummary(event(action, data as Record<string, unknown> | null), name)).toBe(expected);
  });

  it('survives data of the wrong shape (older events, hand-made rows)', () => {
    for (const action of [...ACTIONS, 'register', 'yellow', 'red', 'survey']) {
      for (const data of [
        null,
        {},
        { lead: 'x', assists: 'y', dueAt: 'not a time', days: '3', departmentId: null },
      ]) {
        expect(() => eventSummary(event(action, data), name), action).not.toThrow();
      }
    }
    expect(eventSummary(event('dispatch', { lead: 3, dueAt: 'not a time' }), name)).toBe('主办：区住建局');
  });
});

describe('eventQuote and noteLabel', () => {
  it('a reply keeps its text, also once sent back', () => {
    expect(eventQuote(event('reply', { publicReply: '已责令停工。', solved: true }))).toEqual({
      label: '回复内容',
      text: '已责令停工。',
    });
    expect(eventQuote(event('reply', { solved: true }))).toBeNull();
    expect(eventQuote(event('reject_reply', { dueAt: LATER }, { note: '答复未说明处理结果' }))).toBeNull();
  });

  it.each([
    ['request_return', '退单理由'],
    ['request_extension', '延期理由'],
    ['reply', '内部办理说明'],
    ['reject_reply', '退回理由'],
    ['approve_reply', '审核意见'],
    ['revisit', '回访记录'],
    ['report_progress', '进展情况'],
    ['urge', '催办内容'],
    ['supervise', '督办内容'],
    ['register', null],
  ])('the note of %s is %s', (action, label) => {
    expect(noteLabel(action)).toBe(label);
  });
});

describe('pendingRejection', () => {
  const reply = event(
    'reply',
    { publicReply: '第一次答复', solved: true },
    { from: 'in_progress', to: 'replied' },
  );
  const reject = event(
    'reject_reply',
    { dueAt: LATER },
    { from: 'replied', to: 'in_progress', actor: '督办员甲', note: '未说明处理结果' },
  );
  const replyAgain = event('reply', { publicReply: '第二次答复', solved: true }, { to: 'replied' });
  const rejectAgain = event('reject_reply', { dueAt: LATER }, { from: 'replied', note: '仍未说明' });

  it.each([
    ['back in progress after a reject', 'in_progress', [reply, reject], reject],
    ['replied again since', 'replied', [reply, reject, replyAgain], null],
    [
      'in progress, replied again since (reworked by a revisit)',
      'in_progress',
      [reply, reject, replyAgain],
      null,
    ],
    [
      'sent back twice: the latest counts',
      'in_progress',
      [reply, reject, replyAgain, rejectAgain],
      rejectAgain,
    ],
    ['events out of order', 'in_progress', [rejectAgain, reject, replyAgain, reply], rejectAgain],
    ['never sent back', 'in_progress', [reply], null],
    ['no history loaded', 'in_progress', undefined, null],
  ] as const)('%s', (_, status, events, expected) => {
    const t = ticketFixture('PL20261123000001', {
      status,
      ...(events ? { events: [...events] } : {}),
    });
    expect(pendingRejection(t)).toBe(expected);
  });

  it('null without a ticket', () => {
    expect(pendingRejection(null)).toBeNull();
  });
});

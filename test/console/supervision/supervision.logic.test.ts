import { describe, expect, it } from 'vitest';
import type { DepartmentOverview } from '../../../agent-console/src/api/supervision.js';
import type { Assignment, Ticket, TicketPage, TicketQuery } from '../../../agent-console/src/api/types.js';
import {
  ACTION_BUTTONS,
  boardTotals,
  buildBody,
  emptyForm,
  FORM_KIND,
  focusAssignment,
  formatRate,
  hasPendingExtension,
  loadPendingExtensions,
  monthLabel,
  monthOf,
  OUTBOX_KIND_LABELS,
  offeredActions,
  outboxKindLabel,
  outboxStateLabel,
  overdueBoard,
  pendingExtensions,
  replyOf,
  SUPERVISOR_ACTIONS,
  shiftMonth,
} from '../../../agent-console/src/views/supervision/supervision.logic.js';
import { ACTION_BODIES } from '../../../server/tickets/tickets.schemas.js';
import { MESSAGE_KINDS } from '../../../server/upstream/upstream.tables.js';
import { assignmentFixture, ticketFixture } from '../fixtures.js';

const CJK = /[\u4e00-\u9fff]/;

const assignment = (over: Partial<Assignment> = {}): Assignment =>
  assignmentFixture({
    departmentId: 10,
    status: 'in_progress',
    dispatchedAt: '2026-11-20T09:00:00.000+08:00',
    signDueAt: '2026-11-21T09:00:00.000+08:00',
    signedAt: '2026-11-20T10:00:00.000+08:00',
    dueAt: '2026-11-27T17:30:00.000+08:00',
    yellowAt: '2026-11-26T17:30:00.000+08:00',
    returnDueAt: '2026-11-21T09:00:00.000+08:00',
    ...over,
  });

function ticket(over: Partial<Ticket> = {}): Pick<Ticket, 'allowedActions' | 'assignments' | 'publicReply'> {
  return { allowedActions: [], assignments: [assignment()], publicReply: null, ...over };
}

const dept = (id: number, over: Partial<DepartmentOverview> = {}): DepartmentOverview => ({
  departmentId: id,
  name: `单位${id}`,
  open: 0,
  onTime: 0,
  yellow: 0,
  red: 0,
  overdue: 0,
  supervisionOpen: 0,
  onTimeSignRate: null,
  onTimeCompletionRate: null,
  ...over,
});

describe('offeredActions', () => {
  const pending = [assignment({ pendingExtension: { days: 3, reason: '需协调管网' } })];
  it.each([
    ['nothing allowed', ticket({ allowedActions: [] }), []],
    ['no allowedActions field', ticket({ allowedActions: undefined }), []],
    [
      'a reply to review, in button order',
      ticket({ allowedActions: ['supervise', 'urge', 'reject_reply', 'approve_reply', 'merge'] }),
      ['approve_reply', 'reject_reply', 'urge', 'supervise'],
    ],
    ['a revisit', ticket({ allowedActions: ['revisit', 'urge'] }), ['revisit', 'urge']],
    [
      'extension decisions without a pending request are not offered',
      ticket({ allowedActions: ['approve_extension', 'deny_extension', 'urge', 'supervise'] }),
      ['urge', 'supervise'],
    ],
    [
      'extension decisions with a pending request',
      ticket({ allowedActions: ['approve_extension', 'deny_extension', 'urge'], assignments: pending }),
      ['approve_extension', 'deny_extension', 'urge'],
    ],
    [
      'a pending request the server does not let this user decide',
      ticket({ allowedActions: ['urge'], assignments: pending }),
      ['urge'],
    ],
    [
      'actions of other roles are never offered',
      ticket({ allowedActions: ['sign', 'reply', 'dispatch'] }),
      [],
    ],
  ] as const)('%s', (_, t, want) => {
    expect(offeredActions(t as Pick<Ticket, 'allowedActions' | 'assignments'>)).toEqual(want);
  });

  it('every supervisor action is a real action with a body schema and a Chinese button', () => {
    for (const a of SUPERVISOR_ACTIONS) {
      expect(ACTION_BODIES, a).toHaveProperty(a);
      expect(ACTION_BUTTONS[a]).toMatch(CJK);
    }
  });
});

describe('buildBody', () => {
  const form = (over: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), ...over });
  it.each([
    ['approve_reply', form({}), {}],
    ['approve_reply', form({ note: '  答复到位 ' }), { note: '答复到位' }],
    ['approve_extension', form({ note: '   ' }), {}],
    ['deny_extension', form({ note: '理由不充分', reason: 'x', message: 'y' }), { note: '理由不充分' }],
    ['reject_reply', form({ reason: ' 未答复具体时间 ', note: 'ignored' }), { reason: '未答复具体时间' }],
    ['urge', form({ message: ' 请尽快签收 ' }), { message: '请尽快签收' }],
    ['supervise', form({ message: '列入督办' }), { message: '列入督办' }],
    ['revisit', form({ reached: false, solved: true, satisfaction: 'satisfied' }), { reached: false }],
    ['revisit', form({ reached: false, note: '无人接听' }), { reached: false, note: '无人接听' }],
    [
      'revisit',
      form({ reached: true, solved: true, satisfaction: 'satisfied' }),
      { reached: true, solved: true, satisfaction: 'satisfied' },
    ],
    [
      'revisit',
      form({ reached: true, solved: false, satisfaction: 'unsatisfied', note: ' 仍停水 ' }),
      { reached: true, solved: false, satisfaction: 'unsatisfied', note: '仍停水' },
    ],
    [
      'revisit',
      form({ reached: true, satisfaction: 'basically_satisfied' }),
      { reached: true, satisfaction: 'basically_satisfied' },
    ],
  ] as const)('%s %j', (action, f, want) => {
    expect(buildBody(action, f)).toEqual(want);
  });

  it('every body it builds names only fields of that action’s schema', () => {
    const full = form({
      note: 'n',
      reason: 'r',
      message: 'm',
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    for (const a of SUPERVISOR_ACTIONS) {
      const allowed = Object.keys((ACTION_BODIES[a] as { properties: object }).properties);
      for (const key of Object.keys(buildBody(a, full))) expect(allowed, `${a}.${key}`).toContain(key);
      expect(FORM_KIND[a]).toBeDefined();
    }
  });
});

describe('tickets', () => {
  it('pending extensions', () => {
    const a = assignment({ id: 2, pendingExtension: { days: 2, reason: 'r' } });
    const t = ticket({ assignments: [assignment(), a] });
    expect(pendingExtensions(t)).toEqual([a]);
    expect(hasPendingExtension(t)).toBe(true);
    expect(hasPendingExtension(ticket())).toBe(false);
  });

  it.each([
    [
      'the department’s own assignment',
      [assignment({ id: 1 }), assignment({ id: 2, departmentId: 20, role: 'assist' })],
      20,
      2,
    ],
    [
      'its newest when it has two',
      [assignment({ id: 1, departmentId: 20, status: 'returned' }), assignment({ id: 3, departmentId: 20 })],
      20,
      3,
    ],
    [
      'the lead without a department',
      [assignment({ id: 5, role: 'assist' }), assignment({ id: 6, role: 'lead' })],
      null,
      6,
    ],
    ['the lead when the department has none', [assignment({ id: 7 })], 99, 7],
    [
      'a live one before a returned lead',
      [assignment({ id: 8, status: 'returned' }), assignment({ id: 9, role: 'assist' })],
      null,
      9,
    ],
  ] as const)('focusAssignment: %s', (_, list, deptId, id) => {
    expect(focusAssignment(ticket({ assignments: [...list] }), deptId)?.id).toBe(id);
  });

  it.each([
    [ticket({ publicReply: '已修复' }), '已修复'],
    [ticket({ assignments: [assignment({ reply: '承办回复' })] }), '承办回复'],
    [ticket(), null],
  ])('replyOf %#', (t, want) => {
    expect(replyOf(t)).toBe(want);
  });
});

describe('overdueBoard', () => {
  const list = [
    dept(1, { open: 3, yellow: 1 }),
    dept(2, { open: 2, red: 1 }),
    dept(3),
    dept(4, { open: 5, red: 1, overdue: 1 }),
    dept(5, { supervisionOpen: 1 }),
    dept(6, { open: 4 }),
  ];
  it('the worst first, quiet departments left out', () => {
    expect(overdueBoard(list).map((d) => d.departmentId)).toEqual([4, 2, 1, 5, 6]);
  });
  it('all: the quiet ones at the end', () => {
    expect(overdueBoard(list, true).map((d) => d.departmentId)).toEqual([4, 2, 1, 5, 6, 3]);
  });
  it('totals', () => {
    expect(boardTotals(list)).toEqual({
      open: 14,
      onTime: 0,
      yellow: 1,
      red: 2,
      overdue: 1,
      supervisionOpen: 1,
    });
  });
});

describe('formats', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [0, '0%'],
    [1, '100%'],
    [0.875, '87.5%'],
    [0.9, '90%'],
    [0.12345, '12.3%'],
  ])('formatRate(%s) = %s', (r, want) => {
    expect(formatRate(r)).toBe(want);
  });

  it.each([
    ['2026-11-30T16:00:00.000Z', '2026-12'], // 00:00 on 1 December in China
    ['2026-11-30T15:59:59.000Z', '2026-11'],
    ['2026-01-01T03:00:00.000Z', '2026-01'],
  ])('monthOf(%s) = %s in China time', (at, want) => {
    expect(monthOf(Date.parse(at))).toBe(want);
  });

  it.each([
    ['2026-11', -1, '2026-10'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-05', 0, '2026-05'],
    ['2026-03', -15, '2024-12'],
  ] as const)('shiftMonth(%s, %d) = %s', (m, d, want) => {
    expect(shiftMonth(m, d)).toBe(want);
  });

  it('monthLabel', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it('every outbox message kind has a Chinese label; unknown codes fall back', () => {
    for (const k of MESSAGE_KINDS) expect(OUTBOX_KIND_LABELS[k], k).toMatch(CJK);
    expect(outboxKindLabel('other')).toBe('other');
    expect(outboxStateLabel('dead')).toBe('推送失败');
  });
});

describe('the 延期审核 list', () => {
  it('asks the server for the tickets with a request waiting and reads every page of them', async () => {
    const waiting = (no: string) =>
      ticketFixture(no, {
        assignments: [assignmentFixture({ pendingExtension: { days: 2, reason: '等待检测报告' } })],
      });
    // 450 waiting requests: more than two pages of 200.
    const all = Array.from({ length: 450 }, (_, i) => waiting(`PL20261123${String(i + 1).padStart(6, '0')}`));
    const asked: TicketQuery[] = [];
    const list = async (q: TicketQuery): Promise<TicketPage> => {
      asked.push(q);
      const start = ((q.page ?? 1) - 1) * (q.pageSize ?? 20);
      return {
        items: all.slice(start, start + (q.pageSize ?? 20)),
        total: all.length,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      };
    };
    const got = await loadPendingExtensions(list, new AbortController().signal);
    expect(got).toHaveLength(450);
    expect(asked.map((q) => [q.pendingExtension, q.page])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
  });

  it('leaves out a ticket whose request was decided between the server’s answer and now', async () => {
    const decided = ticketFixture('PL20261123000001');
    const list = async (): Promise<TicketPage> => ({ items: [decided], total: 1, page: 1, pageSize: 200 });
    expect(await loadPendingExtensions(list, new AbortController().signal)).toEqual([]);
  });
});

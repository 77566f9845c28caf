import { describe, expect, it } from 'vitest';
import type { Department, Ticket, TicketAction, TicketEvent } from '../../../agent-console/src/api/types.js';
import {
  dispatchBody,
  dispatchedClocks,
  dispatchTargets,
  mergeBody,
  offers,
  pendingReturn,
  suggestedLead,
  upstreamDeadlines,
} from '../../../agent-console/src/views/dispatch/queue.js';
import { eventFixture } from '../fixtures.js';
import { assignment, ticket } from './queue-setup.js';

const dept = (
  id: number,
  name: string,
  level: Department['level'],
  over: Partial<Department> = {},
): Department => ({
  id,
  code: `d${id}`,
  name,
  level,
  parentId: null,
  disabled: false,
  ...over,
});

describe('departments', () => {
  const deps = [
    dept(17, '登州街道', 'town'),
    dept(1, '区住房和城乡建设局', 'city'),
    dept(18, '西关村', 'village', { parentId: 17 }),
    dept(2, '区市场监督管理局', 'city', { disabled: true }),
    dept(20, '紫荆山街道', 'town'),
    dept(30, '刘家沟镇', 'town'),
  ];

  it('dispatch targets: enabled city departments, then towns; never villages', () => {
    expect(dispatchTargets(deps).map((g) => [g.label, g.options.map((d) => d.id)])).toEqual([
      ['区直部门', [1]],
      ['镇街', [17, 20, 30]],
    ]);
    expect(dispatchTargets([dept(18, '西关村', 'village')])).toEqual([]);
  });

  const suggestions: { town: string | null; want: number | null }[] = [
    { town: '登州街道', want: 17 },
    { town: '紫荆山街道', want: 20 },
    { town: '刘家沟', want: 30 },
    { town: '蓬莱区刘家沟镇', want: 30 },
    { town: '西关村', want: null },
    { town: '  ', want: null },
    { town: null, want: null },
  ];
  for (const s of suggestions) {
    it(`suggested lead for town ${JSON.stringify(s.town)}`, () => {
      expect(suggestedLead({ town: s.town }, deps)?.id ?? null).toBe(s.want);
    });
  }
});

describe('bodies', () => {
  const cases: { form: Parameters<typeof dispatchBody>[0]; want: ReturnType<typeof dispatchBody> }[] = [
    { form: { lead: 1, assists: [] }, want: { lead: 1 } },
    { form: { lead: 1 }, want: { lead: 1 } },
    { form: { lead: 1, assists: [17, 20] }, want: { lead: 1, assists: [17, 20] } },
    { form: { lead: 1, assists: [17, 1, 17] }, want: { lead: 1, assists: [17] } },
    { form: { lead: 1, assists: [1] }, want: { lead: 1 } },
    { form: { lead: null, assists: [3] }, want: { lead: 0, assists: [3] } },
  ];
  for (const c of cases) {
    it(`dispatch ${JSON.stringify(c.form)}`, () => expect(dispatchBody(c.form)).toEqual(c.want));
  }
  it('merge target is trimmed and upper-cased', () => {
    expect(mergeBody({ into: ' pl20261127000001 ' })).toEqual({ into: 'PL20261127000001' });
  });
});

describe('pendingReturn', () => {
  const ev = (over: Partial<TicketEvent>): TicketEvent =>
    eventFixture({
      seq: 1,
      action: 'request_return',
      from: 'in_progress',
      to: 'return_requested',
      actor: '承办人 甲',
      actorId: 9,
      departmentId: 1,
      note: '不属于本单位职责',
      data: null,
      at: '2026-11-27T11:00:00.000+08:00',
      ...over,
    });
  it('none when no lead asks', () => {
    expect(pendingReturn({ assignments: [assignment({ status: 'in_progress' })], events: [] })).toBeNull();
    expect(
      pendingReturn({
        assignments: [assignment({ role: 'assist', status: 'return_requested' })],
        events: [],
      }),
    ).toBeNull();
  });
  it('the asking lead and the latest request reason', () => {
    const t = {
      assignments: [assignment({ id: 2, departmentId: 5, status: 'return_requested' })],
      events: [
        ev({ seq: 1, departmentId: 5, note: '第一次' }),
        ev({ seq: 2, action: 'deny_return', departmentId: null, note: '驳回' }),
        ev({
          seq: 3,
          departmentId: 5,
          note: '第二次：属于区住建局职责',
          at: '2026-11-27T12:00:00.000+08:00',
        }),
      ],
    };
    expect(pendingReturn(t)).toEqual({
      departmentId: 5,
      reason: '第二次：属于区住建局职责',
      at: '2026-11-27T12:00:00.000+08:00',
      actor: '承办人 甲',
    });
  });
  it('without the history (a list row): the department, no reason', () => {
    expect(
      pendingReturn({ assignments: [assignment({ departmentId: 5, status: 'return_requested' })] }),
    ).toEqual({
      departmentId: 5,
      reason: null,
      at: null,
      actor: null,
    });
  });
});

describe('upstream and dispatched clocks', () => {
  it.each([
    ['a local ticket', {}, { signDueAt: null, dueAt: null }],
    [
      'a Yantai order with both times',
      {
        upstreamOrderNo: 'YT1',
        upstreamSignDueAt: '2026-11-27T17:30:00.000+08:00',
        upstreamDueAt: '2026-12-05T17:30:00.000+08:00',
      },
      { signDueAt: '2026-11-27T17:30:00.000+08:00', dueAt: '2026-12-05T17:30:00.000+08:00' },
    ],
    [
      'a Yantai order with a due only',
      { upstreamOrderNo: 'YT2', upstreamDueAt: '2026-12-05T17:30:00.000+08:00' },
      { signDueAt: null, dueAt: '2026-12-05T17:30:00.000+08:00' },
    ],
  ] as [string, Partial<Ticket>, ReturnType<typeof upstreamDeadlines>][])(
    'Yantai deadlines: %s',
    (_name, over, want) => {
      expect(upstreamDeadlines(ticket('PL20261127000001', over))).toEqual(want);
    },
  );
  it('lists the fresh assignments, lead first, as the server computed them', () => {
    const t = {
      assignments: [
        assignment({ id: 1, departmentId: 9, status: 'returned' }),
        assignment({ id: 3, departmentId: 20, role: 'assist' }),
        assignment({ id: 2, departmentId: 1, signDueAt: 'S', dueAt: 'D' }),
        assignment({ id: 4, departmentId: 18, parentId: 3 }),
      ],
    };
    expect(dispatchedClocks(t).map((c) => [c.departmentId, c.role])).toEqual([
      [1, 'lead'],
      [20, 'assist'],
    ]);
    expect(dispatchedClocks(t)[0]).toMatchObject({ signDueAt: 'S', dueAt: 'D' });
  });
});

describe('offers: the buttons follow allowedActions alone', () => {
  const cases: { name: string; over: Partial<Ticket>; action: TicketAction; want: boolean }[] = [
    {
      name: 'accept offered on an order not accepted yet',
      over: { upstreamOrderNo: 'YT1', allowedActions: ['dispatch', 'accept', 'return_upstream'] },
      action: 'accept',
      want: true,
    },
    {
      name: 'no accept once accepted: the server leaves it out',
      over: {
        upstreamOrderNo: 'YT1',
        acceptedAt: '2026-11-27T09:05:00.000+08:00',
        allowedActions: ['dispatch', 'return_upstream'],
      },
      action: 'accept',
      want: false,
    },
    {
      name: 'no second guess of the server: acceptedAt does not hide what it offers',
      over: { acceptedAt: '2026-11-27T09:05:00.000+08:00', allowedActions: ['accept'] },
      action: 'accept',
      want: true,
    },
    {
      name: 'dispatch offered',
      over: { allowedActions: ['dispatch', 'merge'] },
      action: 'dispatch',
      want: true,
    },
    { name: 'merge not offered', over: { allowedActions: ['dispatch'] }, action: 'merge', want: false },
    {
      name: 'approve_extension only while the server offers it',
      over: { status: 'in_progress', allowedActions: ['urge'] },
      action: 'approve_extension',
      want: false,
    },
    { name: 'no allowedActions: nothing', over: {}, action: 'dispatch', want: false },
  ];
  for (const c of cases)
    it(c.name, () => expect(offers(ticket('PL20261127000001', c.over), c.action)).toBe(c.want));
});

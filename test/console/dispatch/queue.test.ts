import { describe, expect, it } from 'vitest';
import type {
  Assignment,
  Department,
  Ticket,
  TicketAction,
  TicketEvent,
  TicketPage,
  TicketQuery,
} from '../../../agent-console/src/api/types.js';
import {
  comparePending,
  compareReturns,
  dispatchBody,
  dispatchedClocks,
  dispatchTargets,
  filterQueue,
  inTab,
  loadQueue,
  mergeBody,
  offers,
  pendingReturn,
  suggestedLead,
  upstreamDeadlines,
} from '../../../agent-console/src/views/dispatch/queue.js';
import { assignmentFixture, eventFixture, ticketFixture } from '../fixtures.js';

const ticket = (no: string, over: Partial<Ticket> = {}): Ticket =>
  ticketFixture(no, {
    status: 'pending_dispatch',
    caller: { name: '李先生', phone: '13805351234' },
    createdAt: '2026-11-27T09:00:00.000+08:00',
    updatedAt: '2026-11-27T09:00:00.000+08:00',
    ...over,
  });

const assignment = (over: Partial<Assignment>): Assignment =>
  assignmentFixture({
    dispatchedAt: '2026-11-27T10:00:00.000+08:00',
    signDueAt: '2026-11-28T10:00:00.000+08:00',
    dueAt: '2026-12-04T10:00:00.000+08:00',
    yellowAt: '2026-12-03T10:00:00.000+08:00',
    returnDueAt: '2026-12-01T10:00:00.000+08:00',
    ...over,
  });

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

describe('queue order', () => {
  const cases: { name: string; tickets: Ticket[]; pending: string[]; returns: string[] }[] = [
    {
      name: 'urgent before normal, whatever their age',
      tickets: [
        ticket('PL20261127000001', { createdAt: '2026-11-27T08:00:00.000+08:00' }),
        ticket('PL20261127000002', { urgency: 'urgent', createdAt: '2026-11-27T11:00:00.000+08:00' }),
      ],
      pending: ['PL20261127000002', 'PL20261127000001'],
      returns: ['PL20261127000002', 'PL20261127000001'],
    },
    {
      name: 'oldest registration first within an urgency (pending); oldest change first (returns)',
      tickets: [
        ticket('PL20261127000003', {
          createdAt: '2026-11-27T10:00:00.000+08:00',
          updatedAt: '2026-11-27T10:05:00.000+08:00',
        }),
        ticket('PL20261127000004', {
          createdAt: '2026-11-27T09:00:00.000+08:00',
          updatedAt: '2026-11-27T12:00:00.000+08:00',
        }),
        ticket('PL20261127000005', {
          urgency: 'urgent',
          createdAt: '2026-11-27T12:00:00.000+08:00',
          updatedAt: '2026-11-27T12:00:00.000+08:00',
        }),
        ticket('PL20261127000006', {
          urgency: 'urgent',
          createdAt: '2026-11-27T11:00:00.000+08:00',
          updatedAt: '2026-11-27T13:00:00.000+08:00',
        }),
      ],
      pending: ['PL20261127000006', 'PL20261127000005', 'PL20261127000004', 'PL20261127000003'],
      returns: ['PL20261127000005', 'PL20261127000006', 'PL20261127000003', 'PL20261127000004'],
    },
    {
      name: 'same time: by number',
      tickets: [ticket('PL20261127000008'), ticket('PL20261127000007')],
      pending: ['PL20261127000007', 'PL20261127000008'],
      returns: ['PL20261127000007', 'PL20261127000008'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect([...c.tickets].sort(comparePending).map((t) => t.no)).toEqual(c.pending);
      expect([...c.tickets].sort(compareReturns).map((t) => t.no)).toEqual(c.returns);
    });
  }

  it('tabs hold their status only', () => {
    expect(inTab('pending')(ticket('PL20261127000001'))).toBe(true);
    expect(inTab('pending')(ticket('PL20261127000001', { status: 'dispatched' }))).toBe(false);
    expect(inTab('returns')(ticket('PL20261127000001', { status: 'return_requested' }))).toBe(true);
    expect(inTab('returns')(ticket('PL20261127000001'))).toBe(false);
  });
});

describe('filterQueue', () => {
  const items = [
    ticket('PL20261127000001', { title: '路灯不亮', town: '登州街道' }),
    ticket('PL20261127000002', { urgency: 'urgent', title: '水管爆裂', address: '钟楼东路88号' }),
    ticket('PL20261127000003', {
      upstreamOrderNo: 'YT202611270001',
      title: '供暖不达标',
      caller: { name: null, phone: '13905350000' },
    }),
  ];
  const cases: { kind: Parameters<typeof filterQueue>[1]; text: string; want: string[] }[] = [
    { kind: 'all', text: '', want: ['PL20261127000001', 'PL20261127000002', 'PL20261127000003'] },
    { kind: 'urgent', text: '', want: ['PL20261127000002'] },
    { kind: 'upstream', text: '', want: ['PL20261127000003'] },
    { kind: 'local', text: '', want: ['PL20261127000001', 'PL20261127000002'] },
    { kind: 'all', text: '  登州 ', want: ['PL20261127000001'] },
    { kind: 'all', text: '钟楼', want: ['PL20261127000002'] },
    { kind: 'all', text: '1390535', want: ['PL20261127000003'] },
    { kind: 'all', text: 'yt2026', want: ['PL20261127000003'] },
    { kind: 'all', text: 'pl20261127000002', want: ['PL20261127000002'] },
    { kind: 'urgent', text: '路灯', want: [] },
  ];
  for (const c of cases) {
    it(`${c.kind} / "${c.text}"`, () => {
      expect(filterQueue(items, c.kind, c.text).map((t) => t.no)).toEqual(c.want);
    });
  }
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

describe('loadQueue', () => {
  /** A fake `GET /api/tickets`: newest first, or oldest first with sort=oldest, like the server. */
  function server(total: number, urgentEvery = 0) {
    const all = Array.from({ length: total }, (_, i) =>
      ticket(`PL2026112700${String(total - i).padStart(4, '0')}`, {
        urgency: urgentEvery && (total - i) % urgentEvery === 0 ? 'urgent' : 'normal',
      }),
    );
    const calls: TicketQuery[] = [];
    const load = async (q: TicketQuery): Promise<TicketPage> => {
      calls.push(q);
      const matching = q.urgency ? all.filter((t) => t.urgency === q.urgency) : all;
      const rows = q.sort === 'oldest' ? [...matching].reverse() : matching;
      const size = q.pageSize ?? 20;
      const page = q.page ?? 1;
      return { items: rows.slice((page - 1) * size, page * size), total: rows.length, page, pageSize: size };
    };
    return { load, calls };
  }
  const no = (n: number) => `PL2026112700${String(n).padStart(4, '0')}`;
  const cases: {
    total: number;
    pageSize: number;
    maxPages: number;
    pages: number[];
    items: number;
    truncated: boolean;
  }[] = [
    { total: 0, pageSize: 10, maxPages: 3, pages: [1], items: 0, truncated: false },
    { total: 7, pageSize: 10, maxPages: 3, pages: [1], items: 7, truncated: false },
    { total: 25, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 25, truncated: false },
    { total: 30, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 30, truncated: false },
    { total: 45, pageSize: 10, maxPages: 3, pages: [1, 2, 3], items: 30, truncated: true },
  ];
  for (const c of cases) {
    it(`${c.total} tickets, ${c.pageSize} a page, at most ${c.maxPages} pages`, async () => {
      const { load, calls } = server(c.total);
      const got = await loadQueue(
        load,
        { status: 'pending_dispatch' },
        { pageSize: c.pageSize, maxPages: c.maxPages },
      );
      expect(calls.filter((q) => !q.urgency).map((q) => q.page)).toEqual(c.pages);
      expect(
        calls.every(
          (q) => q.status === 'pending_dispatch' && q.pageSize === c.pageSize && q.sort === 'oldest',
        ),
      ).toBe(true);
      expect(got.items).toHaveLength(c.items);
      expect(got.total).toBe(c.total);
      expect(got.truncated).toBe(c.truncated);
      expect(new Set(got.items.map((t) => t.no)).size).toBe(got.items.length);
    });
  }
  it('when cut, keeps the oldest tickets and the oldest urgent ones, however far back they are', async () => {
    // 100 waiting, every 5th urgent (20: more than a page); at most 3 pages of 10 of each.
    const { load } = server(100, 5);
    const got = await loadQueue(load, { status: 'pending_dispatch' }, { pageSize: 10, maxPages: 3 });
    const nos = new Set(got.items.map((t) => t.no));
    for (let n = 1; n <= 30; n++) expect(nos.has(no(n)), no(n)).toBe(true); // the 30 oldest
    for (let n = 5; n <= 100; n += 5) expect(nos.has(no(n)), no(n)).toBe(true); // every urgent one
    expect(nos.has(no(99))).toBe(false); // a newest normal one
  });
});

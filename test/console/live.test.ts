import { describe, expect, it } from 'vitest';
import type {
  Assignment,
  AssignmentStatus,
  LiveTicketEvent,
  Ticket,
} from '../../agent-console/src/api/types.js';
import {
  alertBatch,
  applyEvent,
  applyEvents,
  byCreatedDesc,
  initialSync,
  isInboxArrival,
  mergeDetail,
  orderSignAlert,
  type SyncInput,
  type SyncState,
  stepSync,
} from '../../agent-console/src/lib/live.js';
import { ticketFixture } from './fixtures.js';

const ticket = ticketFixture;
const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00+08:00`;
const event = (seq: number, t: Ticket, action = 'sign'): LiveTicketEvent => ({
  seq,
  action,
  ticketNo: t.no,
  ticket: t,
  at: t.updatedAt,
});

describe('sequence bookkeeping', () => {
  const run = (start: SyncState, inputs: SyncInput[]) => {
    let state = start;
    const delivered: number[] = [];
    let reloads = 0;
    for (const input of inputs) {
      const out = stepSync(state, input);
      state = out.state;
      if (out.deliver && input.type === 'event') delivered.push(input.seq);
      if (out.reload) reloads += 1;
    }
    return { state, delivered, reloads };
  };

  it.each<
    [string, SyncState, SyncInput[], { lastSeq: number; phase: string; delivered: number[]; reloads: number }]
  >([
    [
      'a first connect replays nothing and resumes from the server latest',
      initialSync(),
      [{ type: 'connect' }, { type: 'ready', lastSeq: 40 }, { type: 'event', seq: 41 }],
      { lastSeq: 41, phase: 'live', delivered: [41], reloads: 0 },
    ],
    [
      'a reconnect replays the missed events in order, then live ones',
      initialSync(10),
      [
        { type: 'connect' },
        { type: 'event', seq: 12 },
        { type: 'event', seq: 15 },
        { type: 'ready', lastSeq: 15 },
        { type: 'event', seq: 16 },
      ],
      { lastSeq: 16, phase: 'live', delivered: [12, 15, 16], reloads: 0 },
    ],
    [
      'an event already seen (duplicate or replayed twice) is dropped',
      initialSync(10),
      [
        { type: 'connect' },
        { type: 'event', seq: 11 },
        { type: 'event', seq: 11 },
        { type: 'event', seq: 9 },
        { type: 'disconnect' },
        { type: 'connect' },
        { type: 'event', seq: 11 },
        { type: 'event', seq: 12 },
      ],
      { lastSeq: 12, phase: 'replaying', delivered: [11, 12], reloads: 0 },
    ],
    [
      'ready moves lastSeq past events this user may not see',
      initialSync(5),
      [{ type: 'connect' }, { type: 'ready', lastSeq: 90 }, { type: 'event', seq: 80 }],
      { lastSeq: 90, phase: 'live', delivered: [], reloads: 0 },
    ],
    [
      'ready never moves lastSeq back',
      initialSync(50),
      [{ type: 'connect' }, { type: 'ready', lastSeq: 20 }],
      { lastSeq: 50, phase: 'live', delivered: [], reloads: 0 },
    ],
    [
      'too much missed: reload the views and resume from the latest',
      initialSync(3),
      [
        { type: 'connect' },
        { type: 'reload', latestSeq: 9000 },
        { type: 'ready', lastSeq: 9000 },
        { type: 'event', seq: 9001 },
      ],
      { lastSeq: 9001, phase: 'live', delivered: [9001], reloads: 1 },
    ],
    [
      'a disconnect keeps lastSeq for the reconnect',
      initialSync(7),
      [{ type: 'connect' }, { type: 'event', seq: 8 }, { type: 'disconnect' }],
      { lastSeq: 8, phase: 'offline', delivered: [8], reloads: 0 },
    ],
  ])('%s', (_, start, inputs, expected) => {
    const { state, delivered, reloads } = run(start, inputs);
    expect({ lastSeq: state.lastSeq, phase: state.phase, delivered, reloads }).toEqual(expected);
  });
});

describe('applying an event to a list', () => {
  const a = ticket('PL20261123000001', { updatedAt: at(1) });
  const b = ticket('PL20261123000002', { updatedAt: at(2) });
  const c = ticket('PL20261123000003', { updatedAt: at(3) });
  const open = (t: Ticket) => t.status !== 'closed';
  const nos = (list: Ticket[]) => list.map((t) => t.no.slice(-1));

  it.each<[string, Ticket[], Ticket, { matches?: (t: Ticket) => boolean; limit?: number }, string[], string]>(
    [
      ['a new matching ticket goes first (newest change)', [b, a], c, {}, ['3', '2', '1'], 'added'],
      [
        'an updated ticket moves to its place',
        [c, b, a],
        { ...a, updatedAt: at(9) },
        {},
        ['1', '3', '2'],
        'updated',
      ],
      [
        'a ticket that no longer matches leaves',
        [c, b, a],
        { ...b, status: 'closed', updatedAt: at(9) },
        { matches: open },
        ['3', '1'],
        'removed',
      ],
      [
        'a ticket that never matched is ignored',
        [b, a],
        { ...c, status: 'closed' },
        { matches: open },
        ['2', '1'],
        'ignored',
      ],
      [
        'an older version never rolls a row back',
        [c, b, a],
        { ...b, status: 'closed', updatedAt: at(0) },
        {},
        ['3', '2', '1'],
        'ignored',
      ],
      ['the same version again changes nothing visible', [c, b, a], b, {}, ['3', '2', '1'], 'updated'],
      [
        'a page keeps its size',
        [c, b],
        ticket('PL20261123000004', { updatedAt: at(8) }),
        { limit: 2 },
        ['4', '3'],
        'added',
      ],
    ],
  )('%s', (_, list, incoming, opts, expected, change) => {
    const out = applyEvent(list, { ticket: incoming }, opts);
    expect(nos(out.items)).toEqual(expected);
    expect(out.change).toBe(change);
  });

  it('does not change the list it was given', () => {
    const list = [b, a];
    applyEvent(list, { ticket: c });
    expect(nos(list)).toEqual(['2', '1']);
  });

  it('orders by registration when asked', () => {
    const old = ticket('PL20261120000009', { createdAt: '2026-11-20T09:00:00+08:00', updatedAt: at(9) });
    const out = applyEvent([c, b], { ticket: old }, { compare: byCreatedDesc });
    expect(nos(out.items)).toEqual(['3', '2', '9']);
  });

  it('replays buffered events in order over a freshly loaded page, each applied once', () => {
    const loaded = [b, a];
    const buffered = [
      event(11, { ...a, status: 'in_progress', updatedAt: at(5) }),
      event(12, c),
      event(13, { ...a, status: 'closed', updatedAt: at(6) }),
    ];
    const out = applyEvents(loaded, buffered, { matches: open });
    expect(nos(out)).toEqual(['3', '2']);
  });
});

describe('ticket detail and inbox arrivals', () => {
  const assignment = (departmentId: number, status: AssignmentStatus): Assignment => ({
    id: departmentId,
    departmentId,
    role: 'lead',
    status,
    parentId: null,
    dispatchedAt: at(0),
    signDueAt: at(30),
    signedAt: null,
    dueAt: at(50),
    yellowAt: at(40),
    returnDueAt: at(45),
    finishedAt: null,
    extensionDays: 0,
    extensionCount: 0,
    returnCount: 0,
    pendingExtension: null,
    reply: null,
    deadline: 'green',
    workLeft: null,
  });

  it('merges a live summary into the detail and keeps its history', () => {
    const history = [
      {
        seq: 1,
        action: 'register',
        from: null,
        to: 'registered',
        actor: 'x',
        actorId: 1,
        departmentId: null,
        note: null,
        data: null,
        at: at(0),
      },
    ];
    const mergedFrom = [{ no: 'PL20261123000009', title: '重复来电', createdAt: at(0) }];
    const detail = ticket('PL20261123000001', {
      events: history,
      callIds: ['c1'],
      mergedFrom,
      updatedAt: at(1),
    });
    const merged = mergeDetail(detail, {
      ticket: ticket(detail.no, { status: 'in_progress', updatedAt: at(2) }),
    });
    expect(merged).toMatchObject({ status: 'in_progress', events: history, callIds: ['c1'], mergedFrom });
    expect(mergeDetail(detail, { ticket: ticket(detail.no, { status: 'closed', updatedAt: at(0) }) })).toBe(
      detail,
    );
    expect(mergeDetail(detail, { ticket: ticket('PL20261123000002', { updatedAt: at(9) }) })).toBe(detail);
  });

  it.each([
    ['dispatched to my department', 'dispatch', [assignment(7, 'pending_sign')], 7, true],
    [
      'passed down to my village',
      'pass_down',
      [assignment(3, 'in_progress'), assignment(7, 'pending_sign')],
      7,
      true,
    ],
    ['dispatched to another department', 'dispatch', [assignment(8, 'pending_sign')], 7, false],
    ['my own signing', 'sign', [assignment(7, 'in_progress')], 7, false],
    ['a user without a department', 'dispatch', [assignment(7, 'pending_sign')], null, false],
  ] as const)('%s → %s', (_, action, assignments, dept, expected) => {
    const t = ticket('PL20261123000001', { assignments: [...assignments] });
    expect(isInboxArrival({ action, ticket: t }, dept)).toBe(expected);
  });
});

describe('the dispatchers’ alert on Yantai’s receipt clock', () => {
  const order = (over: Partial<Ticket>) =>
    ticket('PL20261123000001', {
      status: 'pending_dispatch',
      upstreamOrderNo: 'YT2026112300001',
      upstreamSignDueAt: '2026-11-24T09:00:00+08:00',
      ...over,
    });
  it.each([
    ['the order turned yellow', 'yellow', { upstreamSignDeadline: 'yellow' }, 'yellow'],
    ['the order turned red', 'red', { upstreamSignDeadline: 'red' }, 'red'],
    // A yellow replayed after the order went red is old news: the red one alerts.
    ['an old yellow replayed on a red order', 'yellow', { upstreamSignDeadline: 'red' }, null],
    [
      'an order accepted since',
      'red',
      { upstreamSignDeadline: null, acceptedAt: '2026-11-24T10:00:00+08:00' },
      null,
    ],
    [
      'a department’s red card on a dispatched ticket',
      'red',
      { status: 'dispatched', upstreamSignDeadline: null },
      null,
    ],
    ['another action on a yellow order', 'urge', { upstreamSignDeadline: 'yellow' }, null],
  ] as const)('%s → %s', (_, action, over, expected) => {
    expect(orderSignAlert({ action, ticket: order(over) })).toBe(expected);
  });
});

describe('receipt-clock alerts that come together', () => {
  const t = (no: string) => ({ no });
  it('shows one or two each, an order’s latest card only', () => {
    expect(alertBatch([{ card: 'yellow', ticket: t('A') }])).toEqual({
      kind: 'each',
      alerts: [{ card: 'yellow', ticket: t('A') }],
    });
    expect(
      alertBatch([
        { card: 'yellow', ticket: t('A') },
        { card: 'yellow', ticket: t('B') },
        { card: 'red', ticket: t('A') },
      ]),
    ).toEqual({
      kind: 'each',
      alerts: [
        { card: 'yellow', ticket: t('B') },
        { card: 'red', ticket: t('A') },
      ],
    });
  });
  it('counts more than two in one summary, so a batch of orders does not cover the screen', () => {
    const many = [
      ...['A', 'B', 'C'].map((no) => ({ card: 'red' as const, ticket: t(no) })),
      ...['D', 'E'].map((no) => ({ card: 'yellow' as const, ticket: t(no) })),
    ];
    expect(alertBatch(many)).toEqual({ kind: 'summary', red: 3, yellow: 2 });
  });
});

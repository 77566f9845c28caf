import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../server/sla/calendar.js';
import {
  clockColor,
  clockKey,
  orderSignClock,
  revisitClock,
  type TicketClockFields,
  ticketCardStep,
  ticketClock,
} from '../../../server/tickets/tickets.ticket-cards.js';

// Working hours 08:30–12:00 and 13:30–17:30 on the official 2026 calendar (National Day week 10-01..10-07 off).
const cal = createWorkingCalendar({});
const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

function order(over: Partial<TicketClockFields> = {}): TicketClockFields {
  return {
    status: 'pending_dispatch',
    revisitDueAt: null,
    revisitYellowAt: null,
    acceptedAt: null,
    createdAt: at('2026-11-23T09:00:00+08:00'),
    upstreamReceivedAt: at('2026-11-23T09:00:00+08:00'),
    upstreamSignDueAt: at('2026-11-24T09:00:00+08:00'),
    ...over,
  };
}

describe('orderSignClock: when Yantai’s receipt clock turns yellow', () => {
  it.each([
    ['one working day away: 75 % of its 450 working minutes', {}, '2026-11-23T08:07:30.000Z'],
    [
      'two hours, all in working time: 75 % of them',
      { upstreamSignDueAt: at('2026-11-23T11:00:00+08:00') },
      '2026-11-23T02:30:00.000Z',
    ],
    [
      'across the lunch break: working minutes only',
      {
        upstreamReceivedAt: at('2026-11-23T11:00:00+08:00'),
        upstreamSignDueAt: at('2026-11-23T15:30:00+08:00'),
      },
      // 60 + 120 working minutes; 75 % is 135: 11:00 + 60 to 12:00, then 75 from 13:30.
      '2026-11-23T06:45:00.000Z',
    ],
    [
      'more than a working day away: one working day before, over the weekend',
      {
        upstreamReceivedAt: at('2026-11-26T09:00:00+08:00'),
        upstreamSignDueAt: at('2026-12-01T09:00:00+08:00'),
      },
      '2026-11-30T01:00:00.000Z',
    ],
    [
      'no working time between (urgent, at night): 75 % of the wall clock',
      {
        upstreamReceivedAt: at('2026-11-23T20:00:00+08:00'),
        upstreamSignDueAt: at('2026-11-23T22:00:00+08:00'),
      },
      '2026-11-23T13:30:00.000Z',
    ],
    [
      'the holiday week does not count',
      {
        upstreamReceivedAt: at('2026-09-30T14:00:00+08:00'),
        upstreamSignDueAt: at('2026-10-08T14:00:00+08:00'),
      },
      // 210 minutes on 09-30 and 240 on 10-08: one working day. 75 % is 337.5 minutes: 210 on 09-30, then
      // 127.5 from 08:30 on 10-08.
      '2026-10-08T02:37:30.000Z',
    ],
    [
      'a transfer again starts the clock anew (not the ticket’s registration)',
      {
        createdAt: at('2026-11-16T09:00:00+08:00'),
        upstreamReceivedAt: at('2026-11-23T09:00:00+08:00'),
      },
      '2026-11-23T08:07:30.000Z',
    ],
    [
      'a ticket from before the arrival time was kept runs from its registration',
      { upstreamReceivedAt: null },
      '2026-11-23T08:07:30.000Z',
    ],
    [
      'a due time already past on arrival is yellow and due at once',
      { upstreamSignDueAt: at('2026-11-23T08:00:00+08:00') },
      '2026-11-23T00:00:00.000Z',
    ],
  ] as const)('%s', (_name, over, yellow) => {
    const clock = orderSignClock(order(over), cal);
    expect(clock && iso(clock.yellowAt)).toBe(yellow);
    expect(clock?.dueAt).toBe(order(over).upstreamSignDueAt);
  });

  it('tells one arrival of an order from the next, also with the same signDueAt', () => {
    const first = orderSignClock(order(), cal)!;
    const again = orderSignClock(order({ upstreamReceivedAt: at('2026-11-25T09:00:00+08:00') }), cal)!;
    expect(first.since).toBe(at('2026-11-23T09:00:00+08:00'));
    expect(again.dueAt).toBe(first.dueAt);
    expect(clockKey(again)).not.toBe(clockKey(first));
  });

  it.each([
    ['accepted', { acceptedAt: at('2026-11-23T10:00:00+08:00') }],
    ['dispatched', { status: 'dispatched' as const }],
    ['returned to Yantai', { status: 'returned_upstream' as const }],
    ['recalled', { status: 'cancelled' as const }],
    ['not an order of Yantai’s', { upstreamSignDueAt: null, upstreamReceivedAt: null }],
  ])('does not run once %s', (_name, over) => {
    expect(orderSignClock(order(over), cal)).toBeNull();
    expect(clockColor(orderSignClock(order(over), cal), at('2026-11-30T09:00:00+08:00'))).toBeNull();
  });

  it.each([
    ['2026-11-23T16:07:00+08:00', 'green'],
    ['2026-11-23T16:07:30+08:00', 'yellow'],
    ['2026-11-24T09:00:00+08:00', 'yellow'],
    ['2026-11-24T09:00:01+08:00', 'red'],
  ] as const)('at %s the clock is %s', (now, color) => {
    expect(clockColor(orderSignClock(order(), cal), at(now))).toBe(color);
  });
});

describe('revisitClock: the clock of a ticket waiting for its revisit (回访)', () => {
  const waiting = (over: Partial<TicketClockFields> = {}) =>
    order({
      status: 'pending_revisit',
      upstreamSignDueAt: null,
      upstreamReceivedAt: null,
      revisitYellowAt: at('2026-11-24T13:30:00+08:00'),
      revisitDueAt: at('2026-11-24T16:00:00+08:00'),
      ...over,
    });
  it('runs from its stored yellow to its due', () => {
    expect(revisitClock(waiting())).toEqual({
      kind: 'revisit',
      yellowAt: at('2026-11-24T13:30:00+08:00'),
      dueAt: at('2026-11-24T16:00:00+08:00'),
      since: 0,
    });
    expect(ticketClock(waiting(), cal)?.kind).toBe('revisit');
  });
  it('turns yellow only at its due when no yellow was stored (a ticket from before it was kept)', () => {
    expect(revisitClock(waiting({ revisitYellowAt: null }))?.yellowAt).toBe(at('2026-11-24T16:00:00+08:00'));
  });
  it.each([
    ['closed', { status: 'closed' as const }],
    ['reworked (in progress again)', { status: 'in_progress' as const }],
    ['with no revisit due', { revisitDueAt: null }],
  ])('does not run once %s', (_name, over) => {
    expect(revisitClock(waiting(over))).toBeNull();
    expect(ticketClock(waiting(over), cal)).toBeNull();
  });
  it.each([
    ['2026-11-24T13:29:59+08:00', 'green'],
    ['2026-11-24T13:30:00+08:00', 'yellow'],
    ['2026-11-24T16:00:01+08:00', 'red'],
  ] as const)('at %s it is %s', (now, color) => {
    expect(clockColor(revisitClock(waiting()), at(now))).toBe(color);
  });
  it('an order waiting for its receipt runs Yantai’s clock, not a revisit clock', () => {
    expect(ticketClock(order(), cal)?.kind).toBe('upstream_sign');
  });
});

describe('ticketCardStep: each card once per due time', () => {
  const clock = { yellowAt: 1_000, dueAt: 2_000 };
  it.each([
    [999, [], null],
    [1_000, [], 'yellow'],
    [2_000, [], 'yellow'],
    [1_500, ['yellow'], null],
    [2_001, [], 'red'],
    [2_001, ['yellow'], 'red'],
    [2_001, ['red'], null],
    [5_000, ['yellow', 'red'], null],
  ] as const)('at %i with %j raised: %s', (now, raised, card) => {
    expect(ticketCardStep(clock, new Set(raised), now)).toBe(card);
  });
});

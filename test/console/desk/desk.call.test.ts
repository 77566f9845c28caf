import { describe, expect, it } from 'vitest';
import type { CallbackTask } from '../../../agent-console/src/api/calls.js';
import {
  applyCallbackUpdate,
  type CallEvent,
  type CurrentCall,
  callbackReasonLabel,
  canCloseCallback,
  claimerLabel,
  durationLabel,
  resumeCall,
  stepCall,
  withTicket,
} from '../../../agent-console/src/views/desk/call.logic.js';
import { screenPopFixture } from '../fixtures.js';
import { pop, ringing } from './desk-setup.js';

describe('stepCall', () => {
  const cases: {
    name: string;
    from: CurrentCall | null;
    event: CallEvent;
    expect: Partial<CurrentCall> | null;
  }[] = [
    {
      name: 'offered rings with the screen pop',
      from: null,
      event: { type: 'offered', pop: pop('c1'), at: 5 },
      expect: { callId: 'c1', phase: 'ringing', ringAt: 5, from: '13805351001', queue: 'general' },
    },
    {
      name: 'a new offer replaces an ended call',
      from: { ...ringing('c0'), phase: 'ended' },
      event: { type: 'offered', pop: pop('c1'), at: 5 },
      expect: { callId: 'c1', phase: 'ringing' },
    },
    {
      name: 'answered the ringing call',
      from: ringing('c1'),
      event: { type: 'answered', callId: 'c1', from: 'x', line: '12345', at: 9 },
      expect: { callId: 'c1', phase: 'answered', answeredAt: 9, ringAt: 1000 },
    },
    {
      name: 'answered a call never seen ringing: the screen pop comes with the answer',
      from: null,
      event: { type: 'answered', callId: 'c2', from: '139', line: '89000', pop: pop('c2', '139'), at: 9 },
      expect: { callId: 'c2', phase: 'answered', pop: pop('c2', '139'), line: '89000', queue: 'general' },
    },
    {
      name: 'answered the ringing call: the pop it rang with stays',
      from: ringing('c1'),
      event: { type: 'answered', callId: 'c1', from: 'x', line: '12345', pop: pop('c1', 'other'), at: 9 },
      expect: { pop: pop('c1'), phase: 'answered' },
    },
    {
      name: 'answered with no pop at all (a desk resumed from GET /api/agents/me passes none)',
      from: null,
      event: { type: 'answered', callId: 'c3', from: '139', line: '12345', at: 9 },
      expect: { callId: 'c3', phase: 'answered', pop: null, queue: null },
    },
    {
      name: 'ended with its outcome',
      from: { ...ringing('c1'), phase: 'answered' },
      event: { type: 'ended', callId: 'c1', outcome: 'answered', at: 20 },
      expect: { phase: 'ended', outcome: 'answered', endedAt: 20 },
    },
    {
      name: 'ended of another call changes nothing',
      from: ringing('c1'),
      event: { type: 'ended', callId: 'zz', outcome: 'answered', at: 20 },
      expect: { phase: 'ringing', callId: 'c1' },
    },
    {
      name: 'ended with no call stays empty',
      from: null,
      event: { type: 'ended', callId: 'zz', outcome: 'answered', at: 20 },
      expect: null,
    },
    {
      name: 'ringing and taken off (not_ready): missed',
      from: ringing('c1'),
      event: { type: 'agent_state', state: 'not_ready', at: 30 },
      expect: { phase: 'missed', endedAt: 30 },
    },
    {
      name: 'ringing and busy: still ringing',
      from: ringing('c1'),
      event: { type: 'agent_state', state: 'busy', at: 30 },
      expect: { phase: 'ringing' },
    },
    {
      name: 'answered and wrap-up: unchanged',
      from: { ...ringing('c1'), phase: 'answered' },
      event: { type: 'agent_state', state: 'wrap_up', at: 30 },
      expect: { phase: 'answered' },
    },
  ];
  it.each(cases)('$name', (c) => {
    const out = stepCall(c.from, c.event);
    if (c.expect === null) expect(out).toBeNull();
    else expect(out).toMatchObject(c.expect);
  });
});

describe('withTicket', () => {
  const t = {
    no: 'PL20261128000099',
    title: '新单',
    status: 'pending_dispatch',
    createdAt: '2026-11-28T09:00:00+08:00',
    caller: { phone: '13805351001' },
  };
  it('puts a new ticket of the caller on top, open by status', () => {
    const out = withTicket(ringing('c1'), t);
    expect(out.pop?.tickets).toEqual([
      { no: t.no, title: '新单', status: 'pending_dispatch', open: true, createdAt: t.createdAt },
    ]);
    expect(withTicket(out, t)).toBe(out);
  });
  it.each([['another caller', { ...t, caller: { phone: '139' } }]])(
    'leaves the call as it is: %s',
    (_n, ticket) => {
      const call = ringing('c1');
      expect(withTicket(call, ticket)).toBe(call);
    },
  );
  it('closed tickets are not open; a call without pop is unchanged', () => {
    expect(withTicket(ringing('c1'), { ...t, status: 'closed' }).pop?.tickets[0]?.open).toBe(false);
    const bare = { ...ringing('c1'), pop: null };
    expect(withTicket(bare, t)).toBe(bare);
  });
});

describe('the callback list, live', () => {
  const task = (id: number, over: Partial<CallbackTask> = {}): CallbackTask => ({
    id,
    phone: `1370000${String(id).padStart(4, '0')}`,
    line: '12345',
    reason: '排队中挂断',
    status: 'open',
    attempts: 1,
    lastCallAt: `2026-11-23T09:0${id}:00.000+08:00`,
    claimedBy: null,
    claimedByName: null,
    outcome: null,
    voicemails: [],
    createdAt: '2026-11-23T09:00:00.000+08:00',
    ...over,
  });

  it('puts a new task first (newest call first), replaces a known one, drops a closed one', () => {
    let list = [task(2), task(1)];
    list = applyCallbackUpdate(list, task(3));
    expect(list.map((t) => t.id)).toEqual([3, 2, 1]);
    // A repeat call to task 1 brings it to the top with its new count.
    list = applyCallbackUpdate(list, task(1, { attempts: 2, lastCallAt: '2026-11-23T09:09:00.000+08:00' }));
    expect(list.map((t) => [t.id, t.attempts])).toEqual([
      [1, 2],
      [3, 1],
      [2, 1],
    ]);
    list = applyCallbackUpdate(list, task(3, { status: 'closed', outcome: '回拨无人接听' }));
    expect(list.map((t) => t.id)).toEqual([1, 2]);
    // A task closed elsewhere that this list never had changes nothing.
    expect(applyCallbackUpdate(list, task(9, { status: 'closed' }))).toEqual(list);
  });

  it.each([
    ['busy', '排队等待过长，来电要求回拨'],
    ['offline', '无人值守或非工作时间，来电要求回拨'],
    ['排队中挂断', '排队中挂断'],
    ['语音留言', '语音留言'],
    ['a reason of a new flow', 'a reason of a new flow'],
  ])('shows the reason %s as %s', (reason, label) => {
    expect(callbackReasonLabel(reason)).toBe(label);
  });

  it.each([
    [null, ''],
    [0, '0秒'],
    [42, '42秒'],
    [60, '1分00秒'],
    [65, '1分05秒'],
    [754, '12分34秒'],
  ])('shows a message of %s seconds as “%s”', (seconds, label) => {
    expect(durationLabel(seconds)).toBe(label);
  });

  it('names who has a task in hand: 我, the claimer’s name, or their number when the name is unknown', () => {
    expect(claimerLabel(task(1), 7)).toBe('');
    expect(claimerLabel(task(1, { status: 'claimed', claimedBy: 7, claimedByName: '话务员一' }), 7)).toBe(
      '我',
    );
    expect(claimerLabel(task(1, { status: 'claimed', claimedBy: 8, claimedByName: '话务员二' }), 7)).toBe(
      '话务员二',
    );
    expect(claimerLabel(task(1, { status: 'claimed', claimedBy: 8 }), 7)).toBe('话务员 #8');
  });

  it('offers 关闭 on an open task or one of mine; another’s claimed task only to a supervisor or admin', () => {
    const theirs = task(1, { status: 'claimed', claimedBy: 8 });
    expect(canCloseCallback(task(1), { id: 7, role: 'operator' })).toBe(true);
    expect(canCloseCallback(task(1, { status: 'claimed', claimedBy: 7 }), { id: 7, role: 'operator' })).toBe(
      true,
    );
    expect(canCloseCallback(theirs, { id: 7, role: 'operator' })).toBe(false);
    expect(canCloseCallback(theirs, { id: 7, role: 'dispatcher' })).toBe(false);
    expect(canCloseCallback(theirs, { id: 7, role: 'supervisor' })).toBe(true);
    expect(canCloseCallback(theirs, { id: 7, role: 'admin' })).toBe(true);
    expect(canCloseCallback(task(1), null)).toBe(false);
  });
});

describe('a desk opened in the middle of a call', () => {
  const pop = (callId: string) =>
    screenPopFixture(callId, '13800001111', {
      tickets: [
        { no: 'PL20261123000001', title: '噪音扰民', status: 'in_progress', open: true, createdAt: '' },
      ],
    });

  it('shows the call the server says the agent is on, with its screen pop', () => {
    const answered = resumeCall(null, { answered: true, pop: pop('c1') }, 1000);
    expect(answered).toMatchObject({ callId: 'c1', phase: 'answered', pop: pop('c1'), answeredAt: 1000 });
    expect(resumeCall(null, { answered: false, pop: pop('c2') }, 1000)).toMatchObject({
      callId: 'c2',
      phase: 'ringing',
      pop: pop('c2'),
    });
  });

  it('leaves a call the desk already follows, and has nothing to show when there is no call', () => {
    const following = resumeCall(null, { answered: false, pop: pop('c1') }, 1000)!;
    expect(resumeCall(following, { answered: false, pop: pop('c1') }, 2000)).toBe(following);
    expect(resumeCall(following, null, 2000)).toBe(following);
    expect(resumeCall(null, null, 2000)).toBeNull();
  });
});

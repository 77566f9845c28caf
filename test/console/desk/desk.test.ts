import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { CallbackTask } from '../../../agent-console/src/api/calls.js';
import type { Category, Department } from '../../../agent-console/src/api/types.js';
import {
  type AgentEvent,
  type AgentStatus,
  agentStateLabel,
  agentStatusLabel,
  callOutcomeLabel,
  INITIAL_AGENT,
  stepAgent,
} from '../../../agent-console/src/views/desk/agent.logic.js';
import {
  applyCallbackUpdate,
  type CallEvent,
  type CurrentCall,
  callbackReasonLabel,
  canCloseCallback,
  claimerLabel,
  durationLabel,
  formatClock,
  resumeCall,
  stepCall,
  withTicket,
} from '../../../agent-console/src/views/desk/call.logic.js';
import {
  buildCategoryTree,
  callbackLine,
  DEFAULT_LINE,
  DESK_CHANNELS,
  DESK_LINES,
  type DeskForm,
  duplicateQuery,
  emptyForm,
  enterMode,
  isPristine,
  lineOptions,
  linkCall,
  matchCategory,
  registerSource,
  resetForm,
  sourceLabel,
  toRegisterInput,
  townNames,
  validateForm,
  withCallbackLine,
} from '../../../agent-console/src/views/desk/desk.js';
import { RegisterBody } from '../../../server/tickets/tickets.schemas.js';
import { screenPopFixture } from '../fixtures.js';

const pop = (callId: string, from = '13805351001') => screenPopFixture(callId, from);
const ringing = (callId: string): CurrentCall =>
  stepCall(null, { type: 'offered', pop: pop(callId), at: 1000 })!;

describe('labels', () => {
  it.each([
    ['ready', '就绪'],
    ['not_ready', '小休'],
    ['wrap_up', '话后整理'],
    ['busy', '通话中'],
    ['offline', '离线'],
    [null, '未知'],
    ['weird', 'weird'],
  ])('agent state %s → %s', (state, label) => expect(agentStateLabel(state)).toBe(label));
  it.each([
    ['abandoned_queue', '排队中挂断'],
    ['answered', '已接通'],
    [null, ''],
    ['x', 'x'],
  ])('call outcome %s → %s', (o, label) => expect(callOutcomeLabel(o)).toBe(label));
  it.each([
    [0, '00:00'],
    [61_500, '01:01'],
    [3_723_000, '1:02:03'],
    [-5, '00:00'],
  ])('clock %d → %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});

describe('stepAgent: GET /api/agents/me, pushes and own changes', () => {
  const me = { agentNo: '1001', state: 'not_ready', stateSince: '2026-11-27T08:30:00.000+08:00' };
  const known: AgentStatus = {
    agentNo: '1001',
    state: 'ready',
    since: '2026-11-27T09:00:00.000+08:00',
    version: 3,
    lookup: 'loaded',
  };
  const cases: { name: string; from: AgentStatus; events: AgentEvent[]; want: Partial<AgentStatus> }[] = [
    {
      name: 'the desk opens after a reload: the server’s state, not 未知',
      from: INITIAL_AGENT,
      events: [{ type: 'me', asked: 0, me }],
      want: { agentNo: '1001', state: 'not_ready', since: me.stateSince, lookup: 'loaded', version: 0 },
    },
    {
      name: 'a push while the GET was out wins over the older answer',
      from: INITIAL_AGENT,
      events: [
        { type: 'pushed', agent: '1001', state: 'busy', at: '2026-11-27T09:10:00.000+08:00' },
        { type: 'me', asked: 0, me },
      ],
      want: {
        agentNo: '1001',
        state: 'busy',
        since: '2026-11-27T09:10:00.000+08:00',
        lookup: 'loaded',
        version: 1,
      },
    },
    {
      name: 'an own change while the GET was out wins too',
      from: known,
      events: [
        { type: 'set', agent: '1001', state: 'wrap_up', at: '2026-11-27T09:20:00.000+08:00' },
        { type: 'me', asked: 3, me },
      ],
      want: { state: 'wrap_up', since: '2026-11-27T09:20:00.000+08:00', version: 4 },
    },
    {
      name: 'after a reconnect the answer replaces what the missed pushes left',
      from: known,
      events: [{ type: 'me', asked: 3, me: { ...me, state: 'busy' } }],
      want: { state: 'busy', since: me.stateSince },
    },
    {
      name: '404: not an agent',
      from: INITIAL_AGENT,
      events: [{ type: 'missing', asked: 0 }],
      want: { agentNo: null, state: null, lookup: 'missing' },
    },
    {
      name: 'a failed read keeps what is known',
      from: known,
      events: [{ type: 'failed', asked: 3 }],
      want: { agentNo: '1001', state: 'ready', lookup: 'failed' },
    },
    {
      name: 'a push for another agent is not ours',
      from: known,
      events: [{ type: 'pushed', agent: '1002', state: 'busy', at: '2026-11-27T09:30:00.000+08:00' }],
      want: { state: 'ready', version: 3 },
    },
    {
      name: 'setting the same state keeps its since',
      from: known,
      events: [{ type: 'set', agent: '1001', state: 'ready', at: '2026-11-27T09:40:00.000+08:00' }],
      want: { state: 'ready', since: known.since, version: 4 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.events.reduce(stepAgent, c.from)).toMatchObject(c.want));

  it.each([
    [{ state: null, lookup: 'pending' }, '读取中'],
    [{ state: null, lookup: 'missing' }, '未配置坐席'],
    [{ state: null, lookup: 'failed' }, '未知'],
    [{ state: null, lookup: 'loaded' }, '未知'],
    [{ state: 'busy', lookup: 'failed' }, '通话中'],
    [{ state: 'ready', lookup: 'loaded' }, '就绪'],
  ] as [Pick<AgentStatus, 'state' | 'lookup'>, string][])('label %o → %s', (s, label) =>
    expect(agentStatusLabel(s)).toBe(label),
  );
});

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

const filled = (over: Partial<DeskForm> = {}): DeskForm => ({
  ...emptyForm(),
  appealType: 'complaint',
  callerPhone: ' 13805351001 ',
  title: ' 噪声扰民 ',
  content: '夜间施工',
  ...over,
});

describe('form', () => {
  it.each([
    ['empty', emptyForm(), true],
    ['phone only', { ...emptyForm(), callerPhone: '138' }, true],
    ['title typed', { ...emptyForm(), title: 'x' }, false],
    ['appeal type chosen', { ...emptyForm(), appealType: 'help' as const }, false],
    ['category chosen', { ...emptyForm(), categoryId: 3 }, false],
  ])('isPristine: %s', (_n, f, want) => expect(isPristine(f)).toBe(want));

  it('links and resets to the call', () => {
    const call = { callId: 'c1', from: '13900000000', line: '89000', ringAt: 5000 };
    expect(linkCall(filled(), call)).toMatchObject({
      channel: 'phone',
      phoneLine: '12345',
      callId: 'c1',
      line: '89000',
      callerPhone: '13900000000',
      callFrom: '13900000000',
      callAt: 5000,
      title: ' 噪声扰民 ',
    });
    expect(resetForm(call)).toEqual({
      ...emptyForm(),
      callId: 'c1',
      line: '89000',
      callerPhone: '13900000000',
      callFrom: '13900000000',
      callAt: 5000,
    });
    expect(resetForm(null)).toEqual(emptyForm());
  });

  it.each([
    ['complete submit', filled(), 'submit', []],
    ['answer needed for 直办', filled(), 'answer', ['answer']],
    ['answer given', filled({ answer: '已答复' }), 'answer', []],
    ['everything missing', emptyForm(), 'submit', ['appealType', 'callerPhone', 'title', 'content']],
    ['bad phone', filled({ callerPhone: '13a' }), 'submit', ['callerPhone']],
    ['title too long', filled({ title: 'x'.repeat(201) }), 'submit', ['title']],
    ['blank content', filled({ content: '   ' }), 'submit', ['content']],
  ] as const)('validateForm: %s', (_n, f, mode, fields) =>
    expect(validateForm(f, mode).map((p) => p.field)).toEqual(fields),
  );

  it.each([
    ['a call', filled({ callerPhone: '' }), '请填写来电号码'],
    ['a visit (来访): nobody called in', filled({ callerPhone: '', channel: 'visit' }), '请填写联系电话'],
    ['a letter with a bad number', filled({ callerPhone: '13a', channel: 'letter' }), '联系电话格式不正确'],
  ] as const)('validateForm names the number as the form does: %s', (_n, f, message) =>
    expect(validateForm(f, 'submit').find((p) => p.field === 'callerPhone')?.message).toBe(message),
  );

  it.each([
    [filled(), 'submit'],
    [filled({ answer: '  ' }), 'submit'],
    [filled({ answer: '已告知' }), 'answer'],
  ] as const)('enterMode %#', (f, mode) => expect(enterMode(f)).toBe(mode));

  it.each([
    [
      'minimal',
      filled(),
      {
        appealType: 'complaint',
        title: '噪声扰民',
        content: '夜间施工',
        caller: { phone: '13805351001' },
        urgency: 'normal',
        confidential: false,
        channel: 'phone',
        line: '12345',
      },
    ],
    [
      'everything',
      filled({
        categoryId: 5,
        town: '登州街道',
        address: ' 钟楼北路 ',
        urgency: 'urgent',
        confidential: true,
        callerName: ' 王先生 ',
        callId: 'c1',
        line: '89000',
      }),
      {
        appealType: 'complaint',
        title: '噪声扰民',
        content: '夜间施工',
        caller: { phone: '13805351001', name: '王先生' },
        urgency: 'urgent',
        confidential: true,
        categoryId: 5,
        town: '登州街道',
        address: '钟楼北路',
        channel: 'phone',
        line: '89000',
        callId: 'c1',
      },
    ],
  ])('toRegisterInput: %s', (_n, f, body) => expect(toRegisterInput(f)).toEqual(body));
});

describe('the source: 来源渠道 and 受理线路', () => {
  const call = { callId: 'c1', from: '13805351001', line: '89000', ringAt: 5000 };
  const linked = (over: Partial<DeskForm> = {}) => ({ ...linkCall(filled(), call), ...over });
  const base = {
    appealType: 'complaint',
    title: '噪声扰民',
    content: '夜间施工',
    caller: { phone: '13805351001' },
    urgency: 'normal',
    confidential: false,
  };
  // What the request body says of the source, for each way a ticket comes to the desk.
  it.each<[string, DeskForm, Record<string, unknown>]>([
    ['no call, nothing picked: 电话 on 12345 (as before)', filled(), { channel: 'phone', line: '12345' }],
    ['no call, 电话 on 89000', filled({ phoneLine: '89000' }), { channel: 'phone', line: '89000' }],
    ['no call, an empty line: 12345', filled({ phoneLine: '' }), { channel: 'phone', line: '12345' }],
    ['walk-in (来访): no line', filled({ channel: 'visit' }), { channel: 'visit' }],
    ['微信: no line', filled({ channel: 'wechat' }), { channel: 'wechat' }],
    ['110联动: no line', filled({ channel: '110' }), { channel: '110' }],
    ['来信: no line', filled({ channel: 'letter' }), { channel: 'letter' }],
    ['电子邮件: no line', filled({ channel: 'email' }), { channel: 'email' }],
    [
      'a line picked, then 来访: the line is not sent',
      filled({ channel: 'visit', phoneLine: '89000' }),
      { channel: 'visit' },
    ],
    ['linked to an 89000 call', linked(), { channel: 'phone', line: '89000', callId: 'c1' }],
    [
      'linked: the call decides, whatever the picker held',
      linked({ channel: 'visit', phoneLine: '12345' }),
      { channel: 'phone', line: '89000', callId: 'c1' },
    ],
    [
      'linked to a call without a line: the server takes the call’s',
      linked({ line: null }),
      { channel: 'phone', callId: 'c1' },
    ],
  ])('%s', (_n, f, source) => {
    const body = toRegisterInput(f);
    expect(body).toEqual({ ...base, ...source });
    // The server's own schema takes it (web, refused by the server, is never sent).
    expect(Value.Check(RegisterBody, body)).toBe(true);
    expect(body.channel).not.toBe('web');
  });

  it.each<[string, Pick<DeskForm, 'callId' | 'line' | 'channel' | 'phoneLine'>, string]>([
    ['default', emptyForm(), '电话 · 12345'],
    ['89000 picked', { ...emptyForm(), phoneLine: '89000' }, '电话 · 89000'],
    ['来访', { ...emptyForm(), channel: 'visit' }, '来访'],
    ['110联动', { ...emptyForm(), channel: '110' }, '110联动'],
    ['电子邮件', { ...emptyForm(), channel: 'email' }, '电子邮件'],
    ['linked call', { ...emptyForm(), channel: 'wechat', callId: 'c1', line: '89000' }, '电话 · 89000'],
  ])('in words: %s → %s', (_n, f, words) => expect(sourceLabel(registerSource(f))).toBe(words));

  it.each([
    [{ channel: 'upstream', line: null }, '市平台转办'],
    [{ channel: 'web', line: null }, '网上诉求'],
    [{ channel: 'sms', line: null }, 'sms'],
  ])('a stored source in words: %o → %s', (s, words) => expect(sourceLabel(s)).toBe(words));

  it('every desk channel has its words, 电话 first, none the server refuses or Yantai’s', () => {
    expect(DESK_CHANNELS[0]).toBe('phone');
    expect(DESK_CHANNELS.map((c) => sourceLabel({ channel: c, line: null }))).toEqual([
      '电话',
      '来访',
      '微信',
      '110联动',
      '来信',
      '电子邮件',
    ]);
    expect(DESK_CHANNELS).not.toContain('web');
    expect(DESK_CHANNELS).not.toContain('upstream');
  });

  it('starts, clears and resets to 电话 · 12345; a linked call makes it 电话', () => {
    expect(registerSource(emptyForm())).toEqual({ channel: 'phone', line: '12345' });
    expect(resetForm(null)).toMatchObject({ channel: 'phone', phoneLine: DEFAULT_LINE });
    const walkIn = filled({ channel: 'visit' });
    expect(linkCall(walkIn, call)).toMatchObject({ channel: 'phone', phoneLine: '12345', line: '89000' });
    expect(resetForm(call)).toMatchObject({ channel: 'phone', line: '89000' });
  });

  it.each([
    ['12345', ['12345', '89000']],
    ['89000', ['12345', '89000']],
    ['', ['12345', '89000']],
    ['12340', ['12345', '89000', '12340']],
  ])('line options with %s picked', (picked, options) => expect(lineOptions(picked)).toEqual(options));

  const task = (phone: string, line: string, status = 'open') => ({ phone, line, status });
  it.each<[string, ReturnType<typeof task>[], string, string | null]>([
    ['an open task', [task('13900000001', '89000')], '13900000001', '89000'],
    ['a claimed task', [task('13900000001', '89000', 'claimed')], ' 13900000001 ', '89000'],
    ['a closed task only', [task('13900000001', '89000', 'closed')], '13900000001', null],
    ['another number', [task('13900000002', '89000')], '13900000001', null],
    ['no tasks', [], '13900000001', null],
  ])('callbackLine: %s', (_n, tasks, phone, line) => expect(callbackLine(tasks, phone)).toBe(line));

  const callback = { ...emptyForm(), callerPhone: '13900000001' };
  it.each<[string, DeskForm, string]>([
    ['the callback’s form: takes the line', callback, '89000'],
    ['the number changed since', { ...callback, callerPhone: '13900000009' }, '12345'],
    ['a line picked since', { ...callback, phoneLine: '12340' }, '12340'],
    ['another channel picked since', { ...callback, channel: 'visit' }, '12345'],
    ['a call linked since', { ...callback, callId: 'c9', line: '12345' }, '12345'],
  ])('withCallbackLine: %s', (_n, f, phoneLine) =>
    expect(withCallbackLine(f, '13900000001', '89000').phoneLine).toBe(phoneLine),
  );
});

const cat = (id: number, name: string, parentId: number | null, disabled = false): Category => ({
  id,
  code: `C${String(id).padStart(2, '0')}`,
  name,
  parentId,
  disabled,
});

describe('categories', () => {
  const cats = [
    cat(1, '城市综合', null),
    cat(5, '噪声扰民', 1),
    cat(2, '市容环境', 1),
    cat(8, '社会事业', null),
    cat(9, '教育', 8, true),
    cat(10, '幼儿园', 9),
    cat(11, '停用大类', null, true),
    cat(12, '其下小类', 11),
  ];
  it('builds the enabled tree in code order with paths', () => {
    expect(buildCategoryTree(cats)).toEqual([
      {
        value: 1,
        label: '城市综合',
        code: 'C01',
        path: '城市综合',
        children: [
          { value: 2, label: '市容环境', code: 'C02', path: '城市综合 / 市容环境' },
          { value: 5, label: '噪声扰民', code: 'C05', path: '城市综合 / 噪声扰民' },
        ],
      },
      { value: 8, label: '社会事业', code: 'C08', path: '社会事业' },
    ]);
  });
  it.each([
    ['', true],
    ['噪声', true],
    ['城市 噪声', true],
    ['c05', true],
    ['教育', false],
  ])('matchCategory %s', (q, want) =>
    expect(matchCategory(q, { path: '城市综合 / 噪声扰民', code: 'C05' })).toBe(want),
  );
  it('lists enabled towns', () => {
    const d = (id: number, name: string, level: Department['level'], disabled = false): Department => ({
      id,
      code: `d${id}`,
      name,
      level,
      parentId: null,
      disabled,
    });
    expect(
      townNames([
        d(1, '区住建局', 'city'),
        d(2, '登州街道', 'town'),
        d(3, '某村', 'village'),
        d(4, '旧镇', 'town', true),
      ]),
    ).toEqual(['登州街道']);
  });
});

describe('duplicateQuery', () => {
  const now = Date.parse('2026-11-28T01:00:00+08:00');
  it.each([
    ['13805351001', { phone: '13805351001', from: '2026-10-29' }],
    [' 0535-5651234 ', { phone: '0535-5651234', from: '2026-10-29' }],
    ['', null],
    ['138', null],
    ['13a05351001', null],
  ])('%s', (phone, want) => {
    const q = duplicateQuery(phone, now);
    if (want === null) expect(q).toBeNull();
    else {
      expect(q).toMatchObject(want);
      expect(q?.status?.split(',')).toContain('pending_dispatch');
      expect(q?.status?.split(',')).not.toContain('closed');
    }
  });
});

describe('mirrors of the server', () => {
  it('open statuses are the state machine’s', async () => {
    const machine = await import('../../../server/tickets/tickets.machine.js');
    const { OPEN_STATUSES } = await import('../../../agent-console/src/views/desk/desk.js');
    expect([...OPEN_STATUSES]).toEqual([...machine.OPEN_STATUSES]);
  });
  it('the desk’s lines are the lines the shipped IVR flows answer, 12345 (the default) first', async () => {
    const { loadFlows, mergeModeLineFlows, LEGACY_LINE, MERGE_MODES } = await import(
      '../../../server/ivr/ivr.flow.js'
    );
    const shipped = new URL('../../../ivr-flows', import.meta.url).pathname;
    for (const mode of MERGE_MODES) {
      const set = loadFlows(shipped, { lineFlows: mergeModeLineFlows(mode) });
      expect([...set.byLine.keys()].sort()).toEqual([...DESK_LINES].sort());
    }
    expect(DESK_LINES).toContain(LEGACY_LINE);
    expect(DESK_LINES[0]).toBe(DEFAULT_LINE);
  });
  it('the desk’s channels and lines are codes the server takes', () => {
    const { channel, line } = RegisterBody.properties;
    for (const c of DESK_CHANNELS) expect(Value.Check(channel, c)).toBe(true);
    for (const l of DESK_LINES) expect(Value.Check(line, l)).toBe(true);
  });
  it('call outcome labels cover every outcome', async () => {
    const { CALL_OUTCOMES } = await import('../../../server/calls/calls.tables.js');
    for (const o of CALL_OUTCOMES) expect(callOutcomeLabel(o)).not.toBe(o);
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

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CallState,
  type IvrCommand,
  type IvrContext,
  type IvrEvent,
  startCall,
  step,
} from '../../../server/ivr/ivr.engine.js';
import {
  type IvrFlow,
  loadFlows,
  type MergeMode,
  mergeModeLineFlows,
  SURVEY_FLOW_ID,
  validateFlow,
} from '../../../server/ivr/ivr.flow.js';

const SHIPPED = fileURLToPath(new URL('../../../ivr-flows', import.meta.url));
const CALLER = '13800000001';
const T0 = Date.UTC(2026, 2, 2, 1, 0); // a Monday, 09:00 in Penglai

/** The flow a call to `line` runs when the 89000 line is merged in `mode`. */
function flowFor(line: string, mode: MergeMode = 'parallel'): IvrFlow {
  const set = loadFlows(SHIPPED, { lineFlows: mergeModeLineFlows(mode) });
  const flow = line === 'survey' ? set.flows.get(SURVEY_FLOW_ID) : set.byLine.get(line);
  if (!flow) throw new Error(`no flow for ${line}`);
  return flow;
}

const TICKETS: Record<string, { phone: string; status: string }> = {
  PL20260301000123: { phone: CALLER, status: '办理中' },
  PL20260301000999: { phone: '13900000002', status: '已办结' },
};

function buildContext(open = true): IvrContext {
  return {
    isOpen: () => open,
    ticketStatus: (no, phone) => (TICKETS[no]?.phone === phone ? TICKETS[no].status : null),
  };
}

/** Event tokens: 'start', digits ('' = collect timed out), 'overflow', 'no_agents'. */
function toEvent(token: string, at: number): IvrEvent {
  if (token === 'overflow') return { type: 'queue_overflow', at };
  if (token === 'no_agents') return { type: 'no_agents', at };
  return { type: 'input', digits: token, at };
}

/** A command in one word, so tables stay readable: `play`, `collect`, `enqueue:general`… */
function show(c: IvrCommand): string {
  switch (c.type) {
    case 'enqueue':
      return `enqueue:${c.queue}`;
    case 'forward':
      return `forward:${c.to}`;
    case 'callback_task':
      return `callback_task:${c.reason}`;
    case 'survey_result':
      return `survey_result:${c.satisfaction}`;
    default:
      return c.type;
  }
}

/** Runs a call through `flow`; gives each step's commands (and the final state). */
function runCall(
  flow: IvrFlow,
  tokens: string[],
  open = true,
  line = flow.lines[0] ?? '12345',
  from = CALLER,
) {
  const ctx = buildContext(open);
  const steps: IvrCommand[][] = [];
  let state: CallState | undefined;
  tokens.forEach((token, i) => {
    const at = T0 + i * 10_000;
    const r =
      state === undefined
        ? startCall(flow, { callId: 'c1', from, line }, ctx, at)
        : step(flow, state, toEvent(token, at), ctx);
    state = r.state;
    steps.push(r.commands);
  });
  return { steps, shown: steps.map((cmds) => cmds.map(show).join(' ')), state: state! };
}

type Row = [name: string, open: boolean, events: string[], expected: string[], outcome?: string];

/** 12345: welcome + recording notice, emergency reminder, then the seat menu when open. */
const GREETING = 'play play collect';
// biome-ignore format: one row per line keeps the table readable
const MAIN_ROWS: Row[] = [
  ['start greets, reminds of 110/119/120/122 and offers the seat menu', true, ['start'], [GREETING]],
  ['1 → enterprise seat', true, ['start', '1'], [GREETING, 'play enqueue:enterprise'], 'queued'],
  ['2 → dialect seat', true, ['start', '2'], [GREETING, 'play enqueue:dialect'], 'queued'],
  ['0 → general queue', true, ['start', '0'], [GREETING, 'play enqueue:general'], 'queued'],
  ['no key three times → general queue', true, ['start', '', '', ''], [GREETING, 'collect', 'collect', 'play enqueue:general'], 'queued'],
  ['a wrong key three times → general queue', true, ['start', '9', '9', '9'], [GREETING, 'play collect', 'play collect', 'play enqueue:general'], 'queued'],
  ['a timeout then 1 → enterprise seat', true, ['start', '', '1'], [GREETING, 'collect', 'play enqueue:enterprise'], 'queued'],
  ['closed → after-hours message and callback offer', false, ['start'], ['play play play collect']],
  ['closed, 1 → callback task', false, ['start', '1'], ['play play play collect', 'callback_task:offline play play hangup'], 'callback'],
  ['closed, 2 → voicemail', false, ['start', '2'], ['play play play collect', 'play voicemail'], 'voicemail'],
  ['closed, no key twice → goodbye', false, ['start', '', ''], ['play play play collect', 'collect', 'play hangup'], 'hangup'],
  ['long wait → callback offer', true, ['start', '0', 'overflow'], [GREETING, 'play enqueue:general', 'collect']],
  ['long wait, 1 → callback task', true, ['start', '0', 'overflow', '1'], [GREETING, 'play enqueue:general', 'collect', 'callback_task:busy play play hangup'], 'callback'],
  ['long wait, 2 → back in the queue', true, ['start', '0', 'overflow', '2'], [GREETING, 'play enqueue:general', 'collect', 'play enqueue:general'], 'queued'],
  ['long wait, no key → stays in the queue', true, ['start', '0', 'overflow', ''], [GREETING, 'play enqueue:general', 'collect', 'play enqueue:general'], 'queued'],
  ['no agent on duty → callback or voicemail offer', true, ['start', '0', 'no_agents'], [GREETING, 'play enqueue:general', 'play collect']],
  ['no agent on duty, 1 → callback task', true, ['start', '0', 'no_agents', '1'], [GREETING, 'play enqueue:general', 'play collect', 'callback_task:offline play play hangup'], 'callback'],
  ['enterprise seat waits too long → general queue', true, ['start', '1', 'overflow'], [GREETING, 'play enqueue:enterprise', 'play enqueue:general'], 'queued'],
  ['dialect seat unstaffed → general queue', true, ['start', '2', 'no_agents'], [GREETING, 'play enqueue:dialect', 'play enqueue:general'], 'queued'],
  ['keys pressed while queued change nothing', true, ['start', '0', '5'], [GREETING, 'play enqueue:general', ''], 'queued'],
  ['overflow while in a menu changes nothing', true, ['start', 'overflow', '1'], [GREETING, '', 'play enqueue:enterprise'], 'queued'],
  ['3 → ticket number, read back the status', true, ['start', '3', '20260301000123#'], [GREETING, 'collect', 'play collect']],
  ['ticket status, then 0 → general queue', true, ['start', '3', '20260301000123', '0'], [GREETING, 'collect', 'play collect', 'play enqueue:general'], 'queued'],
  ['ticket status, then 1 → ask again', true, ['start', '3', '20260301000999', '1'], [GREETING, 'collect', 'play collect', 'collect']],
  ['no ticket number twice → general queue', true, ['start', '3', '', ''], [GREETING, 'collect', 'collect', 'play enqueue:general'], 'queued'],
];

describe('12345 main line (same in every 89000 mode)', () => {
  it.each(MAIN_ROWS)('%s', (_name, open, events, expected, outcome) => {
    const { shown, state } = runCall(flowFor('12345'), events, open);
    expect(shown).toEqual(expected);
    expect(state.outcome).toBe(outcome);
    expect(state.line).toBe('12345');
  });

  // A withheld number cannot be called back: no task, and no promise of one.
  it.each([
    [
      'closed, 1 → told, then a voicemail instead',
      false,
      ['start', '1'],
      ['play play play collect', 'play play voicemail'],
      'voicemail',
      '请留言',
    ],
    [
      'long wait, 1 → told, then back in the queue',
      true,
      ['start', '0', 'overflow', '1'],
      [GREETING, 'play enqueue:general', 'collect', 'play play enqueue:general'],
      'queued',
      '请继续等待',
    ],
  ] as const)('a withheld number: %s', (_name, open, events, expected, outcome, told) => {
    for (const from of ['', 'anonymous']) {
      const { shown, state, steps } = runCall(flowFor('12345'), [...events], open, '12345', from);
      expect(shown).toEqual(expected);
      expect(state.outcome).toBe(outcome);
      expect(steps.at(-1)![0]).toMatchObject({ type: 'play', text: expect.stringContaining('未显示号码') });
      expect(steps.at(-1)![0]).toMatchObject({ text: expect.stringContaining(told) });
    }
  });

  it('says the greeting with the recording notice, then the emergency numbers, then the short menu', () => {
    const { steps, state } = runCall(flowFor('12345'), ['start']);
    const [welcome, emergency, menu] = steps[0]!;
    expect(welcome).toMatchObject({ type: 'play', text: expect.stringContaining('录音') });
    expect(welcome).toMatchObject({ text: expect.stringContaining('12345') });
    for (const n of ['110', '119', '120', '122'])
      expect(emergency).toMatchObject({ text: expect.stringContaining(n) });
    expect(menu).toEqual({
      type: 'collect',
      text: expect.stringContaining('企业诉求请按1，方言服务请按2'),
      maxDigits: 1,
      timeoutSec: 3,
      terminator: '',
    });
    expect(state).toMatchObject({ node: 'seat_menu', done: false, retries: 0 });
    expect(state.path).toEqual(['welcome', 'emergency', 'hours', 'seat_menu']);
  });

  it('is the same flow whichever 89000 mode is configured', () => {
    expect(flowFor('12345', 'forward')).toEqual(flowFor('12345', 'end'));
  });

  it('enqueues with the longest wait and keeps the first enqueue time across overflows', () => {
    const { steps, state } = runCall(flowFor('12345'), ['start', '1', 'overflow']);
    expect(steps[1]).toContainEqual({ type: 'enqueue', queue: 'enterprise', maxWaitSec: 30 });
    expect(steps[2]).toContainEqual({ type: 'enqueue', queue: 'general', maxWaitSec: 60 });
    expect(state).toMatchObject({ queue: 'general', enqueuedAt: T0 + 10_000, node: 'queue_general' });
  });

  it('takes the call out of the queue while it answers the callback offer', () => {
    const { state } = runCall(flowFor('12345'), ['start', '0', 'overflow']);
    expect(state.queue).toBeUndefined();
    expect(state.outcome).toBeUndefined();
    expect(state.node).toBe('busy_offer');
  });

  it('records the IVR path of a callback', () => {
    const { steps, state } = runCall(flowFor('12345'), ['start', '0', 'overflow', '1']);
    expect(steps[3]).toEqual([
      { type: 'callback_task', reason: 'busy' },
      { type: 'play', text: expect.stringContaining('回拨') },
      { type: 'play', text: '感谢您的来电，再见。' },
      { type: 'hangup' },
    ]);
    expect(state).toMatchObject({ done: true, node: null, outcome: 'callback' });
    expect(state.path).toEqual([
      'welcome',
      'emergency',
      'hours',
      'seat_menu',
      'queue_general',
      'busy_offer',
      'callback_busy',
      'goodbye',
    ]);
  });

  it.each([
    ['20260301000123#', '您查询的工单当前状态为：办理中。'],
    ['20260301000999', '未查询到与您来电号码相符的工单。'], // another caller's ticket
    ['11112222', '未查询到与您来电号码相符的工单。'],
  ])('reads back ticket %s only to its own caller', (digits, text) => {
    const { steps, state } = runCall(flowFor('12345'), ['start', '3', digits]);
    expect(steps[2]?.[0]).toEqual({ type: 'play', text });
    expect(state.collected.ticket_no).toBe(digits.replace('#', ''));
  });

  it('asks for the ticket number with the pound key as terminator', () => {
    const { steps } = runCall(flowFor('12345'), ['start', '3']);
    expect(steps[1]).toEqual([
      {
        type: 'collect',
        text: expect.stringContaining('井号'),
        maxDigits: 14,
        timeoutSec: 15,
        terminator: '#',
      },
    ]);
  });
});

// biome-ignore format: one row per line keeps the table readable
const LEGACY: Record<MergeMode, Row[]> = {
  parallel: [
    ['start → merged notice, emergency, straight into the 12345 queue', true, ['start'], ['play play play enqueue:general'], 'queued'],
    ['long wait → callback offer, 1 → callback task', true, ['start', 'overflow', '1'], ['play play play enqueue:general', 'collect', 'callback_task:busy play play hangup'], 'callback'],
    ['long wait, 2 → back in the queue', true, ['start', 'overflow', '2'], ['play play play enqueue:general', 'collect', 'play enqueue:general'], 'queued'],
    ['no agent on duty → offer, 2 → voicemail', true, ['start', 'no_agents', '2'], ['play play play enqueue:general', 'play collect', 'play voicemail'], 'voicemail'],
    ['closed → after-hours offer, 1 → callback task', false, ['start', '1'], ['play play play collect', 'callback_task:offline play play hangup'], 'callback'],
  ],
  forward: [['start → announce and forward to 12345', true, ['start'], ['play play forward:12345'], 'forwarded']],
  end: [['start → announce the end, emergency numbers, hang up', true, ['start'], ['play play play hangup'], 'hangup']],
};

describe.each(Object.entries(LEGACY) as Array<[MergeMode, Row[]]>)('89000 line, %s mode', (mode, rows) => {
  it.each(rows)('%s', (_name, open, events, expected, outcome) => {
    const { shown, state } = runCall(flowFor('89000', mode), events, open, '89000');
    expect(shown).toEqual(expected);
    expect(state.outcome).toBe(outcome);
    expect(state.line).toBe('89000');
    expect(state.flowId).toBe(`89000-${mode}`);
  });

  it('tells the caller the line is merged into 12345', () => {
    const { steps } = runCall(flowFor('89000', mode), ['start'], true, '89000');
    expect(steps[0]?.[0]).toMatchObject({ type: 'play', text: expect.stringMatching(/89000.*12345/) });
  });
});

describe('89000 merge modes in detail', () => {
  it('parallel: waits in the 12345 general queue with line 89000 kept on the call', () => {
    const { steps, state } = runCall(flowFor('89000', 'parallel'), ['start'], true, '89000');
    expect(steps[0]).toContainEqual({ type: 'enqueue', queue: 'general', maxWaitSec: 60 });
    expect(state).toMatchObject({ line: '89000', queue: 'general', enqueuedAt: T0, done: false });
    const main = runCall(flowFor('12345'), ['start', '0']).steps[1];
    expect(main).toContainEqual({ type: 'enqueue', queue: 'general', maxWaitSec: 60 });
  });

  it('forward: the call ends in the IVR, forwarded to 12345', () => {
    const { steps, state } = runCall(flowFor('89000', 'forward'), ['start'], true, '89000');
    expect(steps[0]?.at(-1)).toEqual({ type: 'forward', to: '12345' });
    expect(state).toMatchObject({ done: true, node: null, outcome: 'forwarded' });
    expect(state.path).toEqual(['announce', 'transfer']);
  });

  it('end: announces and hangs up, whatever the schedule', () => {
    const open = runCall(flowFor('89000', 'end'), ['start'], true, '89000');
    const closed = runCall(flowFor('89000', 'end'), ['start'], false, '89000');
    expect(closed.steps).toEqual(open.steps);
    expect(open.steps[0]?.at(-1)).toEqual({ type: 'hangup' });
  });
});

const ASK = 'collect';
// biome-ignore format: one row per line keeps the table readable
const SURVEY_ROWS: Row[] = [
  ['1 → satisfied', true, ['start', '1'], [ASK, 'survey_result:satisfied play hangup']],
  ['2 → basically satisfied', true, ['start', '2'], [ASK, 'survey_result:basically_satisfied play hangup']],
  ['3 → unsatisfied', true, ['start', '3'], [ASK, 'survey_result:unsatisfied play hangup']],
  ['no key → asked once more, then no rating', true, ['start', '', ''], [ASK, 'collect', 'survey_result:null play hangup']],
  ['a wrong key, then 2 → basically satisfied', true, ['start', '7', '2'], [ASK, 'play collect', 'survey_result:basically_satisfied play hangup']],
  ['a wrong key twice → no rating', true, ['start', '4', '0'], [ASK, 'play collect', 'survey_result:null play hangup']],
  ['the same after hours', false, ['start', '1'], [ASK, 'survey_result:satisfied play hangup']],
];

describe('post-call satisfaction survey', () => {
  it.each(SURVEY_ROWS)('%s', (_name, open, events, expected) => {
    const { shown, state } = runCall(flowFor('survey'), events, open, '12345');
    expect(shown).toEqual(expected);
    if (events.length > 1 && expected.at(-1)?.endsWith('hangup')) {
      expect(state).toMatchObject({ done: true, outcome: 'hangup' });
    }
  });

  it('asks for 1–3 and ends with the result, a thank-you and hangup', () => {
    const { steps } = runCall(flowFor('survey'), ['start', '3']);
    expect(steps[0]).toEqual([
      {
        type: 'collect',
        text: expect.stringMatching(/满意请按1.*基本满意请按2.*不满意请按3/),
        maxDigits: 1,
        timeoutSec: 8,
        terminator: '',
      },
    ]);
    expect(steps[1]).toEqual([
      { type: 'survey_result', satisfaction: 'unsatisfied' },
      { type: 'play', text: expect.stringContaining('感谢') },
      { type: 'hangup' },
    ]);
  });
});

describe('step is pure and robust', () => {
  const flow = validateFlow(
    {
      id: 'mini',
      lines: ['12345'],
      start: 'ask',
      nodes: {
        ask: { type: 'collect', prompt: '请输入', maxDigits: 4, retries: 0, next: 'status' },
        status: {
          type: 'ticket_status',
          source: 'ask',
          foundText: '{ticketNo}：{status}',
          notFoundText: '查无此单',
          next: 'bye',
          notFound: 'ask',
        },
        bye: { type: 'hangup' },
      },
    },
    'mini.json',
  );
  const ctx: IvrContext = { isOpen: () => true, ticketStatus: (no) => (no === '1234' ? '已受理' : null) };

  it('never changes the state it is given', () => {
    const first = startCall(flow, { callId: 'c9', from: CALLER, line: '12345' }, ctx, T0);
    const frozen = structuredClone(first.state);
    Object.freeze(first.state.path);
    Object.freeze(first.state.collected);
    Object.freeze(first.state);
    const next = step(flow, first.state, { type: 'input', digits: '1234', at: T0 + 1 }, ctx);
    expect(first.state).toEqual(frozen);
    expect(next.commands).toEqual([{ type: 'play', text: '1234：已受理' }, { type: 'hangup' }]);
    expect(next.state.collected).toEqual({ ask: '1234' });
  });

  it('goes on to next with nothing collected when a collect without a timeout target times out', () => {
    const first = startCall(flow, { callId: 'c9', from: CALLER, line: '12345' }, ctx, T0);
    const next = step(flow, first.state, { type: 'input', digits: '', at: T0 + 1 }, ctx);
    expect(next.commands).toEqual([
      { type: 'play', text: '查无此单' },
      { type: 'collect', text: '请输入', maxDigits: 4, timeoutSec: 10, terminator: '#' },
    ]);
    expect(next.state.path).toEqual(['ask', 'status', 'ask']);
  });

  it('ignores events after the call is done, and a second start', () => {
    const first = startCall(flow, { callId: 'c9', from: CALLER, line: '12345' }, ctx, T0);
    expect(step(flow, first.state, { type: 'start', at: T0 }, ctx)).toEqual({
      state: first.state,
      commands: [],
    });
    const done = step(flow, first.state, { type: 'input', digits: '1234', at: T0 + 1 }, ctx).state;
    const after = step(flow, done, { type: 'input', digits: '1', at: T0 + 2 }, ctx);
    expect(after.state).toBe(done);
    expect(after.commands).toEqual([]);
  });

  it('refuses a state that belongs to another flow', () => {
    const { state } = runCall(flowFor('survey'), ['start']);
    expect(() => step(flow, state, { type: 'input', digits: '1', at: T0 }, ctx)).toThrow(
      'runs flow "survey", not "mini"',
    );
  });
});

import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  callbackLine,
  DEFAULT_LINE,
  DESK_CHANNELS,
  type DeskForm,
  emptyForm,
  enterMode,
  isPristine,
  lineOptions,
  linkCall,
  registerSource,
  resetForm,
  sourceLabel,
  toRegisterInput,
  validateForm,
  withCallbackLine,
} from '../../../agent-console/src/views/desk/desk.js';
import { RegisterBody } from '../../../server/tickets/tickets.schemas.js';
import { filled } from './desk-setup.js';

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

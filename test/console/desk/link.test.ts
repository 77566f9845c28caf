// Which call the desk's registration form is linked to: the call in hand only (link.logic.ts), the call's
// tickets counted (call.logic.ts), and the words of the call panel when no call is on the desk (desk.ts).
import { describe, expect, it } from 'vitest';
import { noCallText } from '../../../agent-console/src/views/desk/agent.logic.js';
import {
  type CallEvent,
  type CurrentCall,
  callInHand,
  isLive,
  stepCall,
  withRegistered,
} from '../../../agent-console/src/views/desk/call.logic.js';
import { type DeskForm, emptyForm, linkCall } from '../../../agent-console/src/views/desk/desk.js';
import {
  afterClear,
  afterSave,
  dropLink,
  followCall,
  type KeptLink,
  mustAskLink,
  phoneDigits,
  phoneMismatch,
  samePhone,
} from '../../../agent-console/src/views/desk/link.logic.js';
import { screenPopFixture } from '../fixtures.js';

const FROM = '13181698364';
const OTHER = '13805351004';
const pop = (callId: string, from = FROM) => screenPopFixture(callId, from);
const ringing = (callId = 'c1', from = FROM): CurrentCall =>
  stepCall(null, { type: 'offered', pop: pop(callId, from), at: 1000 })!;
const answered = (callId = 'c1', from = FROM): CurrentCall =>
  stepCall(ringing(callId, from), { type: 'answered', callId, from, line: '12345', at: 2000 })!;
const ended = (call: CurrentCall): CurrentCall =>
  stepCall(call, { type: 'ended', callId: call.callId, outcome: 'answered', at: 9000 })!;
const missed = (call: CurrentCall): CurrentCall =>
  stepCall(call, { type: 'agent_state', state: 'not_ready', at: 9000 })!;
const saved = (call: CurrentCall, ...nos: string[]): CurrentCall =>
  nos.reduce((c, no) => withRegistered(c, c.callId, no), call);

/** A form linked to the call, with something typed (or not). */
const linked = (call: CurrentCall, typed: Partial<DeskForm> = {}): DeskForm => ({
  ...linkCall(emptyForm(), call),
  ...typed,
});
const typing = { title: '第二件诉求' };

describe('the call in hand', () => {
  it.each<[string, CurrentCall | null, boolean, boolean]>([
    ['no call', null, false, false],
    ['ringing', ringing(), true, true],
    ['answered', answered(), true, true],
    ['answered, one ticket saved', saved(answered(), 'T1'), true, true],
    ['ended, nothing saved yet', ended(answered()), false, true],
    ['ended, its ticket saved', saved(ended(answered()), 'T1'), false, false],
    ['ended while ringing (caller hung up)', ended(ringing()), false, false],
    ['missed (went to the next agent)', missed(ringing()), false, false],
  ])('%s: live %s, in hand %s', (_n, call, live, inHand) => {
    expect(isLive(call)).toBe(live);
    expect(callInHand(call)?.callId ?? null).toBe(inHand ? call?.callId : null);
  });

  it('counts the tickets registered linked to the call, once each, and only those', () => {
    const call = answered('c1');
    expect(call.registered).toEqual([]);
    const one = withRegistered(call, 'c1', 'T1');
    expect(one.registered).toEqual(['T1']);
    expect(withRegistered(one, 'c1', 'T1')).toBe(one);
    expect(withRegistered(one, 'c2', 'T2')).toBe(one);
    expect(withRegistered(one, null, 'T3')).toBe(one);
    expect(withRegistered(one, 'c1', 'T2').registered).toEqual(['T1', 'T2']);
    // Answered and ended keep the count; a new call starts from none.
    const events: CallEvent[] = [
      { type: 'answered', callId: 'c1', from: FROM, line: '12345', at: 3 },
      { type: 'ended', callId: 'c1', outcome: 'answered', at: 4 },
    ];
    expect(events.reduce<CurrentCall | null>(stepCall, one)?.registered).toEqual(['T1']);
    expect(stepCall(one, { type: 'offered', pop: pop('c2'), at: 5 })?.registered).toEqual([]);
  });
});

describe('the form after a ticket is saved', () => {
  it.each<[string, CurrentCall | null, string | null]>([
    ['no call on the desk', null, null],
    ['the caller still on the line: the next ticket is theirs too', saved(answered(), 'T1'), 'c1'],
    ['a new call ringing', ringing('c2'), 'c2'],
    ['the call ended: the next registration starts unlinked', saved(ended(answered()), 'T1'), null],
    ['the call ended and the ticket saved was not linked to it', ended(answered()), null],
    ['missed', missed(ringing()), null],
  ])('%s', (_n, call, callId) => {
    const f = afterSave(call);
    expect(f.callId).toBe(callId);
    expect(f.callerPhone).toBe(callId ? call?.from : '');
    expect({ ...f, callId: null, line: null, callerPhone: '', callFrom: null, callAt: null }).toEqual(
      emptyForm(),
    );
  });

  it('清空 keeps the call in hand: an ended call nobody registered yet, not one whose ticket is saved', () => {
    expect(afterClear(ended(answered())).callId).toBe('c1');
    expect(afterClear(saved(ended(answered()), 'T1')).callId).toBeNull();
    expect(afterClear(answered()).callId).toBe('c1');
    expect(afterClear(null)).toEqual(emptyForm());
  });
});

describe('followCall: the form as the desk’s call changes', () => {
  const live = answered('c1');
  const cases: {
    name: string;
    form: DeskForm;
    prev: CurrentCall | null | undefined;
    next: CurrentCall | null;
    callId: string | null;
    phone: string;
  }[] = [
    {
      name: 'a call rings: an untouched form takes it over',
      form: emptyForm(),
      prev: null,
      next: ringing('c1'),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'desk opened with an ended call nobody registered yet: linked',
      form: emptyForm(),
      prev: undefined,
      next: ended(live),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'desk opened with an ended call whose ticket is saved: not linked',
      form: emptyForm(),
      prev: undefined,
      next: saved(ended(live), 'T1'),
      callId: null,
      phone: '',
    },
    {
      name: 'a call rings while another ticket is being typed: the form is left alone',
      form: { ...emptyForm(), callerPhone: OTHER, title: '回拨登记' },
      prev: null,
      next: ringing('c1'),
      callId: null,
      phone: OTHER,
    },
    {
      name: 'answered: unchanged',
      form: linked(ringing()),
      prev: ringing(),
      next: live,
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'answered after the operator unlinked it while ringing: stays unlinked',
      form: { ...emptyForm(), callerPhone: FROM },
      prev: ringing(),
      next: live,
      callId: null,
      phone: FROM,
    },
    {
      name: 'ended before anything was saved: the operator registers it after the hang-up',
      form: linked(live),
      prev: live,
      next: ended(live),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'ended after its tickets were saved, the form untouched: the link and its number go',
      form: linked(live),
      prev: saved(live, 'T1'),
      next: ended(saved(live, 'T1')),
      callId: null,
      phone: '',
    },
    {
      name: 'ended after a ticket was saved, the second appeal half typed: kept',
      form: linked(live, typing),
      prev: saved(live, 'T1'),
      next: ended(saved(live, 'T1')),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'ended, then its ticket counted: no change of phase, no change',
      form: linked(ended(live)),
      prev: ended(live),
      next: saved(ended(live), 'T1'),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'missed, form untouched: the link and its number go',
      form: linked(ringing()),
      prev: ringing(),
      next: missed(ringing()),
      callId: null,
      phone: '',
    },
    {
      name: 'missed, something typed: the link goes, what was typed stays',
      form: linked(ringing(), typing),
      prev: ringing(),
      next: missed(ringing()),
      callId: null,
      phone: FROM,
    },
    {
      name: 'cleared from the desk, form untouched: unlinked',
      form: linked(saved(ended(live), 'T1')),
      prev: saved(ended(live), 'T1'),
      next: null,
      callId: null,
      phone: '',
    },
    {
      name: 'cleared from the desk while its ticket is being typed: kept',
      form: linked(ended(live), typing),
      prev: ended(live),
      next: null,
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'the next call rings, form untouched: linked to the new call',
      form: linked(live),
      prev: saved(ended(live), 'T1'),
      next: ringing('c2', OTHER),
      callId: 'c2',
      phone: OTHER,
    },
    {
      name: 'the next call rings while the last one’s ticket is typed: kept on the last one',
      form: linked(ended(live), typing),
      prev: ended(live),
      next: ringing('c2', OTHER),
      callId: 'c1',
      phone: FROM,
    },
    {
      name: 'a number typed over the call’s, form otherwise untouched, call cleared: the typed number stays',
      form: linked(saved(ended(live), 'T1'), { callerPhone: OTHER }),
      prev: saved(ended(live), 'T1'),
      next: null,
      callId: null,
      phone: OTHER,
    },
  ];
  it.each(cases)('$name', (c) => {
    const out = followCall(c.form, c.prev, c.next);
    expect(out.callId).toBe(c.callId);
    expect(out.callerPhone).toBe(c.phone);
    if (!c.callId) expect([out.line, out.callFrom, out.callAt]).toEqual([null, null, null]);
    else expect(out.callFrom).toBe(c.next?.callId === c.callId ? c.next.from : c.prev?.from);
    // Nothing else of the form changes.
    expect(out.title).toBe(c.form.title);
  });

  it('leaves the form object as it is when nothing changes', () => {
    const f = linked(live);
    expect(followCall(f, ringing(), live)).toBe(f);
    expect(followCall(emptyForm(), null, null)).toEqual(emptyForm());
  });
});

describe('the caller’s number against the linked call’s', () => {
  it.each([
    ['13181698364', '13181698364'],
    ['+86 131-8169-8364', '13181698364'],
    ['008613181698364', '13181698364'],
    ['0535-5651234', '05355651234'],
    ['131****8364', '13181698364'],
    // As the server matches callers (server/core/phone.ts): a trunk 0 before a mobile, a local number without 0535.
    ['013181698364', '13181698364'],
    ['5651234', '0535-5651234'],
    ['+86 535 5651234', '05355651234'],
  ])('%s is %s', (a, b) => expect(samePhone(a, b)).toBe(true));
  it.each([
    ['13805351004', '13181698364'],
    ['1318169836', '13181698364'],
    ['138****8364', '13181698364'],
    ['0631-5651234', '0535-5651234'],
  ])('%s is not %s', (a, b) => expect(samePhone(a, b)).toBe(false));
  it('digits and stars without the country code', () => {
    expect(phoneDigits('+86 (131) 8169 8364')).toBe('13181698364');
    expect(phoneDigits('+86 131-****-8364')).toBe('131****8364');
    expect(phoneDigits('86123')).toBe('86123');
  });

  const form = (callerPhone: string, callFrom: string | null = FROM, callId: string | null = 'c1') => ({
    callId,
    callFrom,
    callerPhone,
  });
  it.each([
    ['the call’s number', form(FROM), false],
    ['written differently', form('131 8169 8364'), false],
    ['another number', form(OTHER), true],
    ['nothing typed (required error instead)', form('  '), false],
    ['not linked', form(OTHER, null, null), false],
    ['a call with no number to compare', form(OTHER, 'anonymous'), false],
  ])('mismatch: %s → %s', (_n, f, want) => expect(phoneMismatch(f)).toBe(want));

  it.each<[string, ReturnType<typeof form>, KeptLink | null, boolean]>([
    ['same number: saved without asking', form(FROM), null, false],
    ['another number: asked', form(OTHER), null, true],
    ['kept for this number: not asked again', form(OTHER), { callId: 'c1', phone: OTHER }, false],
    ['kept for another number: asked', form('13900000000'), { callId: 'c1', phone: OTHER }, true],
    ['kept for another call: asked', form(OTHER), { callId: 'c0', phone: OTHER }, true],
  ])('%s', (_n, f, kept, ask) => expect(mustAskLink(f, kept)).toBe(ask));

  it('dropping the link keeps a number the operator typed, and what else was typed', () => {
    const live = answered();
    expect(dropLink(linked(live, { callerPhone: OTHER }))).toMatchObject({
      callId: null,
      callerPhone: OTHER,
    });
    expect(dropLink(linked(live, typing))).toMatchObject({ callId: null, callerPhone: FROM, ...typing });
    expect(dropLink(linked(live))).toEqual(emptyForm());
  });
});

describe('the call panel with no call, by agent state', () => {
  it.each<[string | null, 'pending' | 'loaded' | 'missing' | 'failed', string]>([
    ['ready', 'loaded', '已就绪，等待来电'],
    ['not_ready', 'loaded', '小休中：设为「就绪」后，来电在此振铃'],
    ['wrap_up', 'loaded', '话后整理中：设为「就绪」后，来电在此振铃'],
    ['offline', 'loaded', '已离线：设为「就绪」后，来电在此振铃'],
    ['busy', 'loaded', '通话中'],
    [null, 'pending', '暂无来电'],
    [null, 'missing', '本账号未配置坐席工号，不会有来电振铃'],
    [null, 'failed', '暂无来电：设为「就绪」后，来电在此振铃'],
  ])('%s (%s) → %s', (state, lookup, text) => expect(noCallText({ state, lookup })).toBe(text));

  it('never tells a ready agent to set 就绪', () => {
    expect(noCallText({ state: 'ready', lookup: 'loaded' })).not.toContain('设为');
  });
});

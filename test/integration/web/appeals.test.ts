// The citizens' web channel: 网上诉求 (POST /api/public/appeals) and 办理进度查询 (POST /api/public/appeals/progress),
// no login; an operator reviews what comes in.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { HOUR, MINUTE } from '../../helpers/clock.js';
import { openConsole, until } from '../../helpers/sockets.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ env: { WEB_APPEALS_PER_HOUR: '3', WEB_LOOKUPS_PER_10MIN: '6' } });
});
afterEach(async () => t.close());

const appeal = {
  appealType: 'complaint',
  title: '路灯不亮',
  content: '登州街道某小区门口路灯已坏一周，夜间行人不便。',
  name: '王先生',
  phone: '13905351234',
  address: '登州街道某小区门口',
  town: '登州街道',
};

/** A request from nobody logged in. */
const post = (url: string, payload: object, ip = '10.0.0.1'): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
const submit = (body: object = appeal, ip?: string) => post('/api/public/appeals', body, ip);
const progress = (ticketNo: string, phone = appeal.phone, ip?: string) =>
  post('/api/public/appeals/progress', { ticketNo, phone }, ip);
const ticketCount = () =>
  (t.database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;

async function act(username: string, no: string, action: string, body: object = {}) {
  const res = await client(t, await t.login(username)).post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

async function submitted(): Promise<string> {
  const res = await submit();
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { ticketNo: string }).ticketNo;
}

describe('a citizen’s web appeal', () => {
  it('becomes a ticket in 待受理 on the web channel, and the citizen follows it to the approved reply', async () => {
    const no = await submitted();
    expect(no).toMatch(/^PL\d{14}$/);

    const operator = client(t, await t.login('operator1'));
    const detail = (await operator.get(`/api/tickets/${no}`)).json() as {
      status: string;
      channel: string;
      caller: { name: string | null; phone: string };
      events: { action: string; actor: string }[];
    };
    expect(detail).toMatchObject({ status: 'registered', channel: 'web' });
    expect(detail.caller).toMatchObject({ name: '王先生', phone: '13905351234' });
    expect(detail.events.map((e) => [e.action, e.actor])).toEqual([['register', '市民网上诉求']]);
    // Listed for every operator under 网上诉求, apart from what operators registered from calls.
    const byPhone = await operator.post('/api/tickets', {
      appealType: 'consult',
      title: '电话登记',
      content: '咨询',
      caller: { phone: '13800000001' },
    });
    expect(byPhone.statusCode).toBe(201);
    const other = client(t, await t.login('operator2'));
    const waiting = (await other.get('/api/tickets?status=registered&channel=web')).json() as {
      items: { no: string }[];
    };
    expect(waiting.items.map((i) => i.no)).toEqual([no]);

    expect((await progress(no)).json()).toMatchObject({
      ticketNo: no,
      title: '路灯不亮',
      stage: 'received',
      stageLabel: '已提交，等待受理',
      department: null,
      reply: null,
    });

    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    expect((await progress(no)).json()).toMatchObject({
      stage: 'handling',
      department: '区住房和城乡建设局',
    });

    await act('handler.zjj', no, 'reply', {
      publicReply: '路灯已于今日修复。',
      internalNotes: '维修班组：张三',
      solved: true,
    });
    // Not answered until the centre approves the reply.
    expect((await progress(no)).json()).toMatchObject({ stage: 'handling', reply: null });
    await act('supervisor1', no, 'approve_reply');
    const done = (await progress(no)).json() as Record<string, unknown>;
    expect(done).toMatchObject({ stage: 'answered', stageLabel: '已办结', reply: '路灯已于今日修复。' });
    // Nothing of the centre's own notes or people.
    expect(JSON.stringify(done)).not.toContain('张三');
    expect(Object.keys(done).sort()).toEqual(
      [
        'closedAt',
        'declineReason',
        'department',
        'reply',
        'stage',
        'stageLabel',
        'submittedAt',
        'ticketNo',
        'title',
      ].sort(),
    );
  });

  it('tells the citizen an operator’s direct answer, or why the appeal was declined', async () => {
    const answered = await submitted();
    await act('operator1', answered, 'answer', { answer: '路灯报修请拨打 0535-5600000。' });
    expect((await progress(answered)).json()).toMatchObject({
      stage: 'answered',
      reply: '路灯报修请拨打 0535-5600000。',
      declineReason: null,
    });

    const declined = await submitted();
    await act('operator1', declined, 'reject', { reason: '属于诉讼事项，请向人民法院起诉。' });
    expect((await progress(declined)).json()).toMatchObject({
      stage: 'declined',
      stageLabel: '不予受理',
      reply: null,
      declineReason: '属于诉讼事项，请向人民法院起诉。',
    });
  });

  it('shows progress only to the number the ticket was registered with, separators aside', async () => {
    const no = await submitted();
    const wrong = await progress(no, '13905359999');
    const unknown = await progress('PL20990101000001');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    // The two refusals read the same: a number is not confirmed by trying phones.
    expect(wrong.json()).toEqual(unknown.json());

    // Kept as digits, as the telephony gateway gives a caller's number: a call from that line finds it too.
    const landline = await submit({ ...appeal, phone: '0535-5651234' });
    const landlineNo = (landline.json() as { ticketNo: string }).ticketNo;
    expect((await progress(landlineNo, '05355651234')).statusCode).toBe(200);
    expect((await progress(landlineNo, '0535-5651234')).statusCode).toBe(200);
    const stored = t.database.sqlite.prepare('select caller_phone from tickets where no = ?').get(landlineNo);
    expect(stored).toEqual({ caller_phone: '05355651234' });
    // Matched by the numbers' keys (server/core/phone.ts): with the country code, or the local number alone
    // (from another address: this one's lookups are nearly used up).
    expect((await progress(no, '+86-139-0535-1234', '10.0.0.2')).statusCode).toBe(200);
    expect((await progress(landlineNo, '5651234', '10.0.0.2')).statusCode).toBe(200);
    expect((await progress(landlineNo, '0631-5651234', '10.0.0.2')).statusCode).toBe(404);
    // Too few digits to be anyone's number.
    const short = await progress(landlineNo, '---');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ field: 'phone' });
  });

  it('stops trying phones on one ticket, or ticket numbers on one phone, after 10 misses an hour from anywhere', async () => {
    const no = await submitted();
    for (let i = 0; i < 10; i++) {
      const miss = await progress(no, `1390535${String(i).padStart(4, '0')}`, `10.1.0.${i}`);
      expect(miss.statusCode).toBe(404);
    }
    // Even with the right phone, from a fresh address: that number is held back for the hour.
    expect((await progress(no, appeal.phone, '10.2.0.1')).statusCode).toBe(429);
    const other = await submitted();
    // Numbers in order within a day, tried on one known phone.
    for (let i = 0; i < 10; i++) {
      const guess = `PL20990101${String(i).padStart(6, '0')}`;
      expect((await progress(guess, '13800000009', `10.3.0.${i}`)).statusCode).toBe(404);
    }
    expect((await progress('PL20990101000099', '13800000009', '10.4.0.1')).statusCode).toBe(429);
    // Counted by the phone's key, as it is matched: another way of writing it is the same phone.
    expect((await progress('PL20990101000098', '+8613800000009', '10.4.0.2')).statusCode).toBe(429);
    // Neither holds back anyone else's ticket or phone.
    expect((await progress(other, appeal.phone, '10.5.0.1')).statusCode).toBe(200);
    t.clock.advance(HOUR);
    expect((await progress(no, appeal.phone, '10.2.0.1')).statusCode).toBe(200);
  });

  it('tells a declined ticket’s reason only for a web appeal, whose operator wrote it for the citizen', async () => {
    const operator = client(t, await t.login('operator1'));
    const res = await operator.post('/api/tickets', {
      appealType: 'consult',
      title: '电话登记',
      content: '咨询',
      caller: { phone: '13800000002' },
    });
    const no = (res.json() as { no: string }).no;
    await act('operator1', no, 'reject', { reason: '来电人情绪激动，内部备注' });
    expect((await progress(no, '13800000002')).json()).toMatchObject({
      stage: 'declined',
      declineReason: '',
    });
  });

  it.each(['web', 'upstream'])(
    'keeps the %s channel to its own way in: an operator may not register on it',
    async (channel) => {
      const operator = client(t, await t.login('operator1'));
      const res = await operator.post('/api/tickets', {
        appealType: 'consult',
        title: '电话登记',
        content: '咨询',
        caller: { phone: '13800000003' },
        channel,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: 'channel' });
    },
  );

  it('answers also for a ticket taken on the phone, with its caller’s number', async () => {
    const operator = client(t, await t.login('operator1'));
    const res = await operator.post('/api/tickets', {
      appealType: 'consult',
      title: '电话登记',
      content: '咨询',
      caller: { phone: '13800000001' },
    });
    const no = (res.json() as { no: string }).no;
    expect((await progress(no, '13800000001')).json()).toMatchObject({
      stage: 'received',
      title: '电话登记',
    });
  });

  it.each([
    ['phone', { ...appeal, phone: '12345' }],
    ['phone', { ...appeal, phone: undefined }],
    ['title', { ...appeal, title: '   ' }],
    ['content', { ...appeal, content: '' }],
    ['content', { ...appeal, content: 'x'.repeat(2001) }],
    ['appealType', { ...appeal, appealType: 'rumour' }],
    ['name', { ...appeal, name: '王\u0007' }],
    ['urgency', { ...appeal, urgency: 'urgent' }],
  ])('refuses a bad %s with 400 naming it, and registers nothing', async (field, body) => {
    const before = ticketCount();
    const res = await submit(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain(field);
    expect(ticketCount()).toBe(before);
  });

  it('limits how often one address submits and looks up, and lets it again once its window is over', async () => {
    for (let i = 0; i < 3; i++) expect((await submit()).statusCode).toBe(201);
    const refused = await submit();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(ticketCount()).toBe(3);
    // Another address is not held back by this one.
    expect((await submit(appeal, '10.0.0.2')).statusCode).toBe(201);
    t.clock.advance(HOUR);
    expect((await submit()).statusCode).toBe(201);

    for (let i = 0; i < 6; i++) expect((await progress('PL20990101000001')).statusCode).toBe(404);
    expect((await progress('PL20990101000001')).statusCode).toBe(429);
    t.clock.advance(10 * MINUTE);
    expect((await progress('PL20990101000001')).statusCode).toBe(404);
  });

  it('reaches every operator’s console live, and no department', async () => {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const one = openConsole(url, { token: await t.login('operator1') });
    const two = openConsole(url, { token: await t.login('operator2') });
    const dept = openConsole(url, { token: await t.login('handler.zjj') });
    try {
      await Promise.all([one.ready, two.ready, dept.ready]);
      const no = await submitted();
      await until(() => one.events.length > 0 && two.events.length > 0, 5000, 'the operators hear it');
      expect(one.events.map((e) => [e.ticketNo, e.action])).toEqual([[no, 'register']]);
      expect(two.events.map((e) => e.ticket.status)).toEqual(['registered']);
      // operator2 takes it: operator1's list hears that it left 待受理.
      await act('operator2', no, 'submit');
      await until(() => one.events.length === 2, 5000, 'operator1 hears the submit');
      expect(one.events[1]?.ticket.status).toBe('pending_dispatch');
      // No department heard of it before a dispatch; the one it is sent to hears from then on.
      expect(dept.events).toEqual([]);
      await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
      await until(() => dept.events.length === 1, 5000, 'the department hears the dispatch');
      expect(dept.events[0]).toMatchObject({ ticketNo: no, action: 'dispatch' });
    } finally {
      for (const c of [one, two, dept]) c.socket.close();
    }
  });
});

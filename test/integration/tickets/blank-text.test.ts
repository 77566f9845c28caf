// Text a person must write is refused when it shows nothing (spaces, U+3000, tabs, zero-width spaces): 400 naming
// the field, nothing written. An optional text, when given, follows the same rule (leave it out to say nothing).
// A caller's phone needs digits. (server/core/http.ts `Text`, `CallerPhone`; docs/tickets.md.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

let t: TestApp;
let operator: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let zjj: ReturnType<typeof client>;

beforeEach(async () => {
  t = await buildTestApp();
  operator = client(t, await t.login('operator1'));
  dispatcher = client(t, await t.login('dispatcher1'));
  supervisor = client(t, await t.login('supervisor1'));
  zjj = client(t, await t.login('handler.zjj'));
});
afterEach(async () => t.close());

/** Every row of every ticket table, to prove a refused request changed nothing. */
function snapshot() {
  const q = (sql: string) => t.database.sqlite.prepare(sql).all();
  return {
    tickets: q('select * from tickets order by id'),
    assignments: q('select * from assignments order by id'),
    events: q('select * from ticket_events order by seq'),
  };
}

const BLANKS = ['   ', '\u3000', '\u3000\u3000', '\t\n', '\u200b'];

async function registered(): Promise<string> {
  const res = await operator.post('/api/tickets', buildTicketInput());
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as TicketView).no;
}

describe('registering a ticket (POST /api/tickets)', () => {
  const caller = (over: object) => ({ caller: { name: '张三', phone: '13805350001', ...over } });
  it.each<[string, object]>([
    ...BLANKS.map((b): [string, object] => ['title', { title: b }]),
    ...BLANKS.map((b): [string, object] => ['content', { content: b }]),
    ...BLANKS.map((b): [string, object] => ['answer', { action: 'answer', answer: b }]),
    ['caller.name', caller({ name: ' ' })],
    ['caller.name', caller({ name: '' })],
    ['address', { address: '\u3000' }],
    ['town', { town: '  ' }],
    ['caller.phone', caller({ phone: '---' })],
    ['caller.phone', caller({ phone: '+--' })],
    ['caller.phone', caller({ phone: '1-2' })],
  ])('answers 400 naming %s for %j, and registers nothing', async (field, patch) => {
    const before = snapshot();
    const res = await operator.post('/api/tickets', { ...buildTicketInput(), ...patch });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', field });
    expect((res.json() as { message: string }).message).toMatch(
      new RegExp(`^${field.replace('.', '\\.')}: `),
    );
    expect(snapshot()).toEqual(before);
  });

  // The message says in Chinese what the field should be (server/core/validation-messages.ts), after the field.
  it.each<[string, object, string]>([
    ['title', { title: '\u3000' }, 'title: 不能为空或只有空白'],
    ['content', { content: '' }, 'content: 不能为空'],
    ['caller.phone', caller({ phone: '1-2' }), 'caller.phone: 号码须为数字与连字符，可带 +，至少 3 位数字'],
    ['urgency', { urgency: 'soon' }, 'urgency: 取值须为 normal、urgent 之一'],
    ['appealType', { appealType: undefined }, 'appealType: 必填'],
  ])('answers in Chinese for %s (%j)', async (field, patch, message) => {
    const res = await operator.post('/api/tickets', { ...buildTicketInput(), ...patch });
    expect(res.statusCode, res.body).toBe(400);
    // `schema: true`: the console reads the message after the field's label (「标题」不能为空或只有空白).
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', field, schema: true });
    expect((res.json() as { message: string }).message).toContain(message);
  });

  it('answers a business rule without `schema`: its reason is a sentence of its own', async () => {
    const res = await operator.post('/api/tickets', { ...buildTicketInput(), channel: 'web' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      field: 'channel',
      message: 'channel: 网上诉求由市民在网上提交，话务员登记请选其他渠道',
    });
  });

  it('never closes a 直办 whose answer is blank: the citizen is not shown "   " as the reply', async () => {
    const input = buildTicketInput({ caller: { phone: '13905351234' } });
    const res = await operator.post('/api/tickets', { ...input, action: 'answer', answer: '   ' });
    expect(res.statusCode).toBe(400);
    const list = (await operator.get('/api/tickets?phone=13905351234')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('takes text with blanks around it, and every phone form it took before that has digits', async () => {
    for (const phone of [
      '139',
      '12345',
      '13812345678',
      '0535-5651234',
      '+86-535-5651234',
      '0535-5651234-801',
    ]) {
      const res = await operator.post('/api/tickets', buildTicketInput({ caller: { phone } }));
      expect(res.statusCode, `${phone}: ${res.body}`).toBe(201);
    }
    const res = await operator.post('/api/tickets', {
      ...buildTicketInput({ title: ' 路灯不亮 ', content: '\u3000路灯坏了一周。', address: ' 钟楼东路 ' }),
      action: 'answer',
      answer: '\u3000已告知报修电话。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ directAnswer: '\u3000已告知报修电话。' });
  });
});

describe('taking an action (POST /api/tickets/{no}/actions/{action})', () => {
  // Each action's text fields with the rest of a valid body. The body is checked before the ticket, the role or
  // the state, so any ticket will do.
  const cases: [action: string, field: string, body: (blank: string) => object][] = [
    ['answer', 'answer', (b) => ({ answer: b })],
    ['reject', 'reason', (b) => ({ reason: b })],
    ['return_upstream', 'reason', (b) => ({ reason: b })],
    ['request_return', 'reason', (b) => ({ reason: b })],
    ['request_extension', 'reason', (b) => ({ days: 2, reason: b })],
    ['reply', 'publicReply', (b) => ({ publicReply: b, solved: true })],
    ['reply', 'internalNotes', (b) => ({ publicReply: '已处理。', internalNotes: b, solved: true })],
    ['reject_reply', 'reason', (b) => ({ reason: b })],
    ['report_progress', 'note', (b) => ({ note: b })],
    ['urge', 'message', (b) => ({ message: b })],
    ['supervise', 'message', (b) => ({ message: b })],
    ['caller_urge', 'message', (b) => ({ message: b })],
    ['approve_return', 'note', (b) => ({ note: b })],
    ['deny_return', 'note', (b) => ({ note: b })],
    ['approve_extension', 'note', (b) => ({ note: b })],
    ['deny_extension', 'note', (b) => ({ note: b })],
    ['approve_reply', 'note', (b) => ({ note: b })],
    ['revisit', 'note', (b) => ({ reached: false, note: b })],
  ];
  it.each(cases)(
    '%s: answers 400 naming %s when it is only blanks, and writes nothing',
    async (action, field, body) => {
      const no = await registered();
      const before = snapshot();
      for (const blank of [...BLANKS, '']) {
        const res = await supervisor.post(`/api/tickets/${no}/actions/${action}`, body(blank));
        expect(res.statusCode, `${JSON.stringify(blank)}: ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field, schema: true });
      }
      expect(snapshot()).toEqual(before);
    },
  );

  it('refuses a blank reply and a blank 不予受理 reason on real tickets, and takes the same with words', async () => {
    const no = await registered();
    expect((await operator.post(`/api/tickets/${no}/actions/reject`, { reason: '\u3000' })).statusCode).toBe(
      400,
    );
    expect((await operator.post(`/api/tickets/${no}/actions/submit`)).statusCode).toBe(200);
    expect(
      (await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.zjj })).statusCode,
    ).toBe(200);
    expect((await zjj.post(`/api/tickets/${no}/actions/sign`)).statusCode).toBe(200);
    const before = snapshot();
    const blank = await zjj.post(`/api/tickets/${no}/actions/reply`, { publicReply: '   ', solved: true });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ field: 'publicReply' });
    expect(snapshot()).toEqual(before);
    const reply = await zjj.post(`/api/tickets/${no}/actions/reply`, {
      publicReply: ' 已修复。 ',
      solved: true,
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const other = await registered();
    const rejected = await operator.post(`/api/tickets/${other}/actions/reject`, { reason: '属诉讼事项。' });
    expect(rejected.statusCode, rejected.body).toBe(200);
  });
});

// 网上诉求 (POST /api/public/appeals): every text the citizen gives must show something. Title and content are
// required; name, address and town are optional, and when given only blanks they are refused the same way
// (400 naming the field), never stored.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ env: { WEB_APPEALS_PER_HOUR: '0' } });
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
const submit = (body: object): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: '/api/public/appeals', payload: body, remoteAddress: '10.0.0.1' });
const ticketCount = () =>
  (t.database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;

describe('a web appeal with a field of only blanks', () => {
  it.each([
    ['title', '\u3000'],
    ['title', '\u200b\u200b'],
    ['content', ' \t\n '],
    ['content', '\u3000\u3000'],
    ['name', '   '],
    ['name', '\u3000'],
    ['address', ' '],
    ['town', '\u3000'],
  ])('answers 400 naming %s for %j, and registers nothing', async (field, blank) => {
    const res = await submit({ ...appeal, [field]: blank });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field });
    expect(ticketCount()).toBe(0);
  });

  it('is taken with blanks around the words, stored trimmed, and without the optional fields left out', async () => {
    const res = await submit({
      ...appeal,
      title: '\u3000路灯不亮 ',
      name: ' 王先生 ',
      address: undefined,
      town: undefined,
    });
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { ticketNo: string }).ticketNo;
    const operator = client(t, await t.login('operator1'));
    const ticket = (await operator.get(`/api/tickets/${no}`)).json() as Record<string, unknown>;
    expect(ticket).toMatchObject({
      title: '路灯不亮',
      caller: { name: '王先生' },
      address: null,
      town: null,
    });
  });
});

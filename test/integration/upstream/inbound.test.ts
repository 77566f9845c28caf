import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { buildOrder, postSigned } from '../../helpers/yantai.js';
import { snapshot, t, useInboundApp, work } from './inbound-setup.js';

useInboundApp();

describe('an order from Yantai', () => {
  it('becomes a ticket waiting for dispatch, keeping what Yantai sent', async () => {
    const attachments = [{ name: '现场照片.jpg', url: 'https://12345.yantai.gov.cn/files/p1.jpg' }];
    const order = buildOrder(t, { confidential: true, urgency: 'urgent', category: '城市综合', attachments });
    const res = await postSigned(t, '/api/upstream/v1/orders', order);
    expect(res.statusCode, res.body).toBe(200);
    const { code, ticketNo } = res.json() as { code: number; ticketNo: string };
    expect(code).toBe(0);
    expect(ticketNo).toMatch(/^PL20261123\d{6}$/);

    const dispatcher = client(t, await t.login('dispatcher1'));
    const ticket = (await dispatcher.get(`/api/tickets/${ticketNo}`)).json() as TicketView & {
      events: { action: string; to: string; actor: string }[];
    };
    expect(ticket).toMatchObject({
      status: 'pending_dispatch',
      channel: 'upstream',
      upstreamOrderNo: order.orderNo,
      title: order.title,
      caller: { name: '刘女士', phone: '13905350001' },
      address: order.address,
      town: '登州街道',
      urgency: 'urgent',
      confidential: true,
      attachments,
    });
    expect(ticket.categoryId).not.toBeNull();
    expect(ticket.events).toMatchObject([
      { action: 'register', to: 'pending_dispatch', actor: '烟台市12345平台' },
    ]);
  });

  it('follows a category renamed by the admin for the next order', async () => {
    const admin = client(t, await t.login('admin'));
    const dispatcher = client(t, await t.login('dispatcher1'));
    const categoryOf = async (label: string) => {
      const { ticketNo } = (
        await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { category: label }))
      ).json() as { ticketNo: string };
      return ((await dispatcher.get(`/api/tickets/${ticketNo}`)).json() as TicketView).categoryId;
    };
    const before = await categoryOf('城市综合');
    expect(before).not.toBeNull();
    expect(await categoryOf('供热投诉')).toBeNull();

    const renamed = await admin.patch(`/api/categories/${before}`, { name: '供热投诉' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await categoryOf('供热投诉')).toBe(before);
    expect(await categoryOf('城市综合')).not.toBe(before);
  });

  it('hands the live push and the outbox the ticket exactly as stored', async () => {
    const seen: unknown[] = [];
    t.app.services.hooks.afterCommit((c) => seen.push(c.ticket));
    const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { confidential: true }));
    expect(res.statusCode).toBe(200);
    const { ticketNo } = res.json() as { ticketNo: string };
    const stored = t.app.services.tickets.findByOrderNo(
      (seen[0] as { upstreamOrderNo: string }).upstreamOrderNo,
    );
    expect(seen).toHaveLength(1);
    expect(stored?.no).toBe(ticketNo);
    expect(seen[0]).toEqual(stored);
  });

  it('answers the same ticketNo for the same orderNo and creates nothing more', async () => {
    const order = buildOrder(t);
    const first = (await postSigned(t, '/api/upstream/v1/orders', order)).json() as { ticketNo: string };
    const before = snapshot();
    const again = await postSigned(t, '/api/upstream/v1/orders', {
      ...order,
      messageId: 'another-message-id',
    });
    expect(again.statusCode).toBe(200);
    expect((again.json() as { ticketNo: string }).ticketNo).toBe(first.ticketNo);
    expect(snapshot().tickets).toEqual(before.tickets);
    expect(snapshot().events).toEqual(before.events);
  });

  it('makes one ticket of ten copies arriving at the same moment', async () => {
    const order = buildOrder(t);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postSigned(t, '/api/upstream/v1/orders', order)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => (a.json() as { ticketNo: string }).ticketNo)).size).toBe(1);
    expect(t.database.sqlite.prepare('select count(*) as n from tickets').get()).toEqual({ n: 1 });
  });

  it.each([
    ['orderNo', { orderNo: undefined }],
    ['caller.phone', { caller: { name: '刘' } }],
    ['appealType', { appealType: 'rumour' }],
    ['urgency', { urgency: 'asap' }],
    ['dueAt', { dueAt: 'tomorrow' }],
    ['attachments', { attachments: undefined }],
    // Taken as sent, never coerced: "false" or null is no answer to whether the caller is confidential.
    ['confidential', { confidential: 'false' }],
    ['confidential', { confidential: null }],
    ['caller.phone', { caller: { name: '刘', phone: 13905350001 } }],
    ['orderNo', { orderNo: 20261203001 }],
  ])('answers 400 naming %s when the body breaks the schema, and stores no ticket', async (field, patch) => {
    const before = snapshot();
    const res = await postSigned(t, '/api/upstream/v1/orders', { ...buildOrder(t), ...patch });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field });
    expect(snapshot().tickets).toEqual(before.tickets);
  });

  it.each([
    ['dueAt', { dueAt: '9999-12-31T23:59:59Z' }, 'must be within a year of now'],
    ['signDueAt', { signDueAt: '0001-01-01T00:00:00Z' }, 'must be within a year of now'],
    ['createdAt', { createdAt: '2000-01-01T00:00:00+08:00' }, 'must be within a year of now'],
    ['signDueAt', { signDueAt: '2026-12-30T09:00:00+08:00' }, 'must not be later than dueAt'],
  ])(
    'refuses a time far off or out of order with 400 naming %s, and stores nothing but its nonce',
    async (field, times, message) => {
      const before = work();
      const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, times));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ field });
      expect(res.json().message).toContain(message);
      expect(work()).toEqual(before);
      // The ticket list, which showed such a ticket's due time in year 10000 and answered 500, still works.
      const dispatcher = client(t, await t.login('dispatcher1'));
      expect((await dispatcher.get('/api/tickets')).statusCode).toBe(200);
    },
  );

  it('refuses an attachment that is not a web address (400 naming it): the console shows them as links', async () => {
    const before = work();
    const attachments = [
      { name: 'a.jpg', url: 'https://12345.yantai.gov.cn/files/a.jpg' },
      { name: 'b', url: 'javascript:alert(1)' },
    ];
    const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { attachments }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'attachments.1.url' });
    expect(work()).toEqual(before);
  });

  it('cannot be merged into a local ticket (409), which ended it without a word to Yantai; a local one can merge into it', async () => {
    const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', buildOrder(t))).json() as {
      ticketNo: string;
    };
    const operator = client(t, await t.login('operator1'));
    const dispatcher = client(t, await t.login('dispatcher1'));
    const local = (
      (await operator.post('/api/tickets', { ...buildTicketInput(), action: 'submit' })).json() as TicketView
    ).no;
    const offered = (
      (await dispatcher.get(`/api/tickets/${ticketNo}`)).json() as { allowedActions: string[] }
    ).allowedActions;
    expect(offered).not.toContain('merge');
    const before = snapshot();
    const refused = await dispatcher.post(`/api/tickets/${ticketNo}/actions/merge`, {
      into: local,
      reason: '重复',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ state: 'pending_dispatch' });
    expect(snapshot()).toEqual(before);
    const merged = await dispatcher.post(`/api/tickets/${local}/actions/merge`, {
      into: ticketNo,
      reason: '重复',
    });
    expect(merged.statusCode, merged.body).toBe(200);
  });

  it('keeps our deadlines inside Yantai’s due, less the margin', async () => {
    // Yantai wants it done in 2 days; our policy would give 5 working days.
    const order = buildOrder(t, { dueAt: '2026-11-25T09:00:00+08:00' });
    const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', order)).json() as {
      ticketNo: string;
    };
    const dispatcher = client(t, await t.login('dispatcher1'));
    const res = await dispatcher.post(`/api/tickets/${ticketNo}/actions/dispatch`, { lead: t.dir.dept.zjj });
    const lead = (res.json() as TicketView).assignments[0]!;
    // Default margin 240 minutes before Yantai's due.
    expect(lead.dueAt).toBe('2026-11-25T05:00:00.000+08:00');
    expect(Date.parse(lead.signDueAt)).toBeLessThanOrEqual(Date.parse(lead.dueAt));
  });
});

describe('without the bridge configured', () => {
  it('answers 503 on the inbound endpoints', async () => {
    const bare = await buildTestApp({ env: { DEMO: '0', UPSTREAM_BASE_URL: '', UPSTREAM_SECRET: '' } });
    try {
      const res = await postSigned(bare, '/api/upstream/v1/orders', buildOrder(bare));
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'UPSTREAM_DISABLED' });
    } finally {
      await bare.close();
    }
  });
});

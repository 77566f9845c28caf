// End to end in Debian's Chromium against a real server: the ticket page (`/tickets/<no>`, where notifications,
// 工单查询 and 在新页面打开 lead) carries each role's own buttons. A department reads the caller's number (查看号码,
// recorded), signs and replies there, a supervisor approves and revisits there, and a dispatcher signs for a
// Yantai order there, whose signing clock then goes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildOrder, postSigned } from '../helpers/yantai.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { apiTicket, expectStatus, expectTimeline } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('the ticket page, for each role that acts on a ticket', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'ticket-page');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('a department signs and replies, and a supervisor approves and revisits, each on the page by its address', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const no = await apiTicket(server, { title: '人行道井盖缺失', dispatchTo: server.t.dir.dept.zjj });
    const handler = await session.user('handler.zjj');
    const supervisor = await session.user('supervisor1');
    await Promise.all([handler.login('inbox'), supervisor.login('supervision')]);

    // The department, from a link: the caller's number masked until it asks (查看号码), which the history keeps.
    await handler.page.goto(`${server.url}/tickets/${no}`);
    await expectStatus(handler, no, 'dispatched');
    const page = handler.el(`ticket-detail-${no}`);
    expect(await page.locator(tid('caller-phone')).textContent()).toBe('139****0002');
    await page.locator(tid('reveal-phone')).click();
    await expect.poll(() => page.locator(tid('caller-phone')).textContent()).toBe('13905350002');
    await page.locator(tid('reveal-phone')).waitFor({ state: 'detached' });
    expect(await expectTimeline(handler, server, no)).toContain('view_phone');
    await handler.shot('department-phone-read');
    // 签收, then 回复 in its dialog.
    await page.locator(tid('action-sign')).click();
    await expectStatus(handler, no, 'in_progress');
    await page.locator(tid('action-reply')).click();
    const reply = handler.el('action-dialog-reply');
    await reply.waitFor();
    await reply.locator(tid('field-publicReply')).fill('已补装井盖，并设置警示标志。');
    await reply.locator(tid('field-solved-yes')).click();
    await reply.locator(tid('action-submit')).click();
    await reply.waitFor({ state: 'hidden' });
    await expectStatus(handler, no, 'replied');
    await handler.shot('department-replied');

    // The supervisor, from a link: 审核通过, then 回访 on the same page.
    await supervisor.page.goto(`${server.url}/tickets/${no}`);
    await expectStatus(supervisor, no, 'replied');
    const sup = supervisor.el(`ticket-detail-${no}`);
    await sup.locator(tid('action-approve_reply')).click();
    const approve = supervisor.el('action-dialog-approve_reply');
    await approve.waitFor();
    await approve.locator(tid('action-submit')).click();
    await approve.waitFor({ state: 'hidden' });
    await expectStatus(supervisor, no, 'pending_revisit');
    await sup.locator(tid('action-revisit')).click();
    const revisit = supervisor.el('action-dialog-revisit');
    await revisit.waitFor();
    await revisit.locator(tid('field-reached-yes')).click();
    await revisit.locator(tid('field-solved-yes')).click();
    await revisit.locator(tid('field-satisfaction-satisfied')).click();
    await revisit.locator(tid('action-submit')).click();
    await revisit.waitFor({ state: 'hidden' });
    await expectStatus(supervisor, no, 'closed');
    await supervisor.shot('supervisor-closed');

    // The department's page, left open, followed live; a closed ticket offers it nothing more.
    await expectStatus(handler, no, 'closed');
    await page.locator(tid('no-actions')).waitFor();
    session.check();
  }, 90_000);

  it('a Yantai order shows its signing clock until the dispatcher signs for it on the page', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const res = await postSigned(server.t, '/api/upstream/v1/orders', buildOrder(server.t));
    expect(res.statusCode, res.body).toBe(200);
    const { ticketNo: no } = res.json() as { ticketNo: string };
    const dispatcher = await session.user('dispatcher1');
    await dispatcher.login('dispatch');
    await dispatcher.page.goto(`${server.url}/tickets/${no}`);
    await expectStatus(dispatcher, no, 'pending_dispatch');
    const page = dispatcher.el(`ticket-detail-${no}`);
    await page.locator(tid('upstream-not-accepted')).waitFor();
    expect(await page.locator(tid('upstream-sign-due')).textContent()).toContain('市平台签收时限');
    await dispatcher.shot('order-not-accepted');

    await page.locator(tid('action-accept')).click();
    await page.locator(tid('upstream-accepted')).waitFor();
    await page.locator(tid('upstream-sign-due')).waitFor({ state: 'detached' });
    // The order's own due stays; it can be dispatched, not signed for again, and its history says 签收.
    await page.locator(tid('upstream-due')).waitFor();
    await page.locator(tid('action-dispatch')).waitFor();
    await page.locator(tid('action-accept')).waitFor({ state: 'detached' });
    await expectTimeline(dispatcher, server, no);
    await dispatcher.shot('order-accepted');
    session.check();
  }, 60_000);
});

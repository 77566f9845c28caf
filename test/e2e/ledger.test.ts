// End to end in Debian's Chromium against a real server: a supervisor reads the month's ledger (月度台账) in the
// 督办 view, sees it follow what departments do, and downloads it as CSV with the session cookie alone; the
// month's notice list (月度通报) beside it loads too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildOrder, postSigned } from '../helpers/yantai.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { apiTicket } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('the monthly ledger (月度台账)', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'ledger');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it("shows each department's month, and exports it", async () => {
    onTestFailed(() => session.shootAll('failed'));
    const { zjj } = server.t.dir.dept;
    await apiTicket(server, { title: '路灯不亮', dispatchTo: zjj, signAs: 'handler.zjj' });
    // An order of Yantai's, accepted within its time.
    const order = await postSigned(server.t, '/api/upstream/v1/orders', buildOrder(server.t));
    expect(order.statusCode, order.body).toBe(200);
    await (await server.api('dispatcher1')).act((order.json() as { ticketNo: string }).ticketNo, 'accept');
    const supervisor = await session.user('supervisor1');
    await supervisor.login('supervision');
    await supervisor.el('tab-ledger').click();
    const ledger = supervisor.el('monthly-ledger');
    await ledger.waitFor();
    const row = () => ledger.locator('tr', { has: supervisor.page.locator(tid(`ledger-row-${zjj}`)) });
    await row().waitFor();
    // 派单 1, 签收 1, signed within its clock.
    await expect.poll(async () => (await row().locator('td').nth(1).textContent())?.trim()).toBe('1');
    expect((await row().locator(tid('ledger-onTimeSignRate')).textContent())?.trim()).toBe('100%');
    expect(await ledger.locator(tid('ledger-row-0')).textContent()).toBe('合计');
    // 分线路: the ticket was taken on 12345 (a phone ticket's default line); 89000 is listed with nothing, no rate.
    const lines = ledger.locator(tid('ledger-lines'));
    const lineRow = (line: string) =>
      lines.locator('tr', { has: supervisor.page.locator(tid(`ledger-line-${line}`)) });
    await expect
      .poll(async () => (await lineRow('12345').locator(tid('ledger-line-registered')).textContent())?.trim())
      .toBe('1');
    expect((await lineRow('89000').locator(tid('ledger-line-answerRate')).textContent())?.trim()).toBe('—');
    // 市平台转办 and 回访: one order accepted in time; no revisit yet, so no rate.
    expect(await ledger.locator(tid('ledger-upstream-rate')).textContent()).toBe('100%');
    expect(await ledger.locator(tid('ledger-revisit-rate')).textContent()).toBe('—');
    await supervisor.shot('ledger');

    // The link carries no token: the session cookie is what lets the browser download it.
    const href = await ledger.locator(tid('ledger-csv')).getAttribute('href');
    const csv = await supervisor.page.evaluate(async (url) => {
      const res = await fetch(url!);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('承办单位,派单数,签收数');
    expect(csv.text, csv.text).toMatch(/区住房和城乡建设局,1,1,0,100.0%,/);
    expect(csv.text, csv.text).toMatch(/\r\n分线路\r\n线路,受理数,[^\r]*\r\n12345,1,0,0.0%,/);

    // Its neighbour 月度通报 loads the same way: nothing 5 working days late yet.
    await supervisor.el('tab-notices').click();
    await expect
      .poll(async () => (await supervisor.el('notice-count').textContent())?.replace(/\s+/g, ''))
      .toMatch(/通报0件$/);
    session.check();
  }, 90_000);
});

// End to end in Debian's Chromium against a real server: an order of Yantai's that waits past its receipt time
// (signDueAt). The deadline scanner's red card reaches the dispatcher wherever they are in the console, the
// dispatch queue and the ticket page show it, and the history says which clock ran out; signing for the order
// (签收) ends the clock.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { toIso } from '../../server/core/clock.js';
import { buildOrder, postSigned } from '../helpers/yantai.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { expectStatus } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('an order of Yantai’s past its receipt time', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'order-sign');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('alerts the dispatcher, shows red in the queue and on the page, and goes once signed for', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const dispatcher = await session.user('dispatcher1');
    await dispatcher.login('dispatch');

    // Transferred down late: its receipt time passed a minute ago.
    const order = buildOrder(server.t, { signDueAt: toIso(Date.now() - 60_000) });
    const res = await postSigned(server.t, '/api/upstream/v1/orders', order);
    expect(res.statusCode, res.body).toBe(200);
    const { ticketNo: no } = res.json() as { ticketNo: string };
    const row = dispatcher.el(`ticket-row-${no}`);
    await row.locator(tid('upstream-sign-light')).locator(tid('deadline-red')).waitFor();

    expect(await server.t.app.services.scanner.runOnce()).toBe(1);
    const alert = dispatcher.page.locator('.notify-order-sign');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('已超过市平台签收时限');
    expect(await alert.textContent()).toContain(no);
    await dispatcher.shot('order-sign-red');

    await alert.click();
    const page = dispatcher.el(`ticket-detail-${no}`);
    await page.waitFor();
    await page.locator(tid('upstream-sign-light')).locator(tid('deadline-red')).waitFor();
    await expect.poll(() => page.locator(tid('timeline')).textContent()).toContain('已超过市平台签收期限');

    await page.locator(tid('action-accept')).click();
    await page.locator(tid('upstream-accepted')).waitFor();
    await page.locator(tid('upstream-sign-light')).waitFor({ state: 'detached' });
    await expectStatus(dispatcher, no, 'pending_dispatch');
    expect(await server.t.app.services.scanner.runOnce()).toBe(0);
    session.check();
  }, 60_000);

  it('gathers a batch of orders turning red together into one alert, leading to the dispatch queue', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const dispatcher = await session.user('dispatcher1');
    await dispatcher.login('dispatch');
    // Elsewhere in the console: the alert finds the dispatcher on any page.
    await dispatcher.el('nav-search').click();
    await dispatcher.el('view-search').waitFor();
    await expect.poll(() => dispatcher.el('search-total').textContent()).toBe('共 1 件');
    for (let i = 0; i < 3; i++) {
      const order = buildOrder(server.t, { signDueAt: toIso(Date.now() - 60_000) });
      expect((await postSigned(server.t, '/api/upstream/v1/orders', order)).statusCode).toBe(200);
    }
    expect(await server.t.app.services.scanner.runOnce()).toBe(3);
    const summary = dispatcher.page.locator('.notify-order-sign', { hasText: '市平台转办 3 件待签收' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('3 件已超过签收时限');
    expect(await dispatcher.page.locator('.notify-order-sign').count()).toBe(1);
    // 工单查询 follows the live stream: the search shown is run again a few seconds after the events.
    await expect.poll(() => dispatcher.el('search-total').textContent(), { timeout: 8000 }).toBe('共 4 件');
    await dispatcher.shot('order-sign-summary');
    await summary.click();
    await dispatcher.el('view-dispatch').waitFor();
    session.check();
  }, 60_000);
});

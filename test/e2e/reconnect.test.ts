// End to end in Debian's Chromium against a real server: a department handler's connection drops (the
// browser context goes offline: the socket closes, reconnect attempts fail), the ticket world moves on
// without them, the connection comes back and the open inbox catches up by itself (the live store replays
// what it missed by lastSeq; nothing is reloaded).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { CHROMIUM, E2ESession, launchBrowser, tid, type UserPage } from './harness/browser.js';
import { apiTicket, expectStatus, expectTimeline } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('a handler whose connection drops', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // Offline, the socket's reconnect attempts and any request fail in the console: that is the point here.
    session = new E2ESession(browser, server.url, 'reconnect', [/ERR_INTERNET_DISCONNECTED/]);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  const rowOf = (u: UserPage, no: string) => u.el('view-inbox').locator(tid(`ticket-row-${no}`));

  async function drop(u: UserPage): Promise<void> {
    await u.context.setOffline(true);
    await u.el('connection-banner').waitFor();
  }
  async function restore(u: UserPage): Promise<void> {
    await u.context.setOffline(false);
    await u.el('connection-banner').waitFor({ state: 'hidden', timeout: 20_000 });
  }

  it('catches up on its open inbox: a ticket that arrived, one signed by a colleague, one urged', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const zjj = server.t.dir.dept.zjj;
    const toSign = await apiTicket(server, { title: '小区路灯损坏', dispatchTo: zjj });
    const toUrge = await apiTicket(server, { title: '楼道堆放杂物', dispatchTo: zjj, signAs: 'handler.zjj' });

    const handler = await session.user('handler.zjj');
    await handler.login('inbox');
    const row = (no: string) => rowOf(handler, no);
    await row(toSign).waitFor();
    await row(toUrge).waitFor();
    await handler.shot('inbox-before');

    await drop(handler);
    await handler.shot('inbox-offline');

    // Meanwhile: a new ticket arrives for 住建局, a colleague signs one (from another desk), the supervisor
    // urges another.
    const arrived = await apiTicket(server, { title: '供暖温度不达标', dispatchTo: zjj });
    await (await server.api('handler.zjj')).act(toSign, 'sign');
    await (await server.api('supervisor1')).act(toUrge, 'urge', { message: '请于今日内处理完毕。' });

    // Still offline: the page has heard none of it.
    await handler.page.waitForTimeout(1000);
    expect(await row(arrived).count()).toBe(0);
    await handler.shot('inbox-offline-changed');

    // The connection is back: the banner goes and the inbox shows what happened, without a reload.
    await restore(handler);
    await row(arrived).waitFor();
    await expect.poll(() => row(toUrge).locator(tid('row-urges')).count()).toBe(1);
    await handler.shot('inbox-caught-up');

    await row(toSign).click();
    await expectStatus(handler, toSign, 'in_progress');
    await handler.shot('inbox-signed-elsewhere');
    await handler.el('drawer-close').click();
    await row(toUrge).click();
    const actions = await expectTimeline(handler, server, toUrge);
    expect(actions).toContain('urge');
    await handler.shot('inbox-urged-detail');
    session.check();
  }, 90_000);

  // On replay the server still tells a department whose return was approved that the ticket left (the
  // ticket stripped to what it may know), so the open inbox drops the row as it would have live.
  it('drops from its open inbox a ticket whose return was approved while it was offline', async () => {
    const zjj = server.t.dir.dept.zjj;
    const toReturn = await apiTicket(server, { title: '供热管道漏水', dispatchTo: zjj });
    const handler = await session.user('handler.zjj');
    await handler.login('inbox');
    const row = rowOf(handler, toReturn);
    await row.waitFor();

    await drop(handler);
    await (await server.api('handler.zjj')).act(toReturn, 'request_return', {
      reason: '不属于本单位职责，应由供热公司办理。',
    });
    await (await server.api('dispatcher1')).act(toReturn, 'approve_return', { note: '同意退回重新派单。' });
    await restore(handler);
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await handler.shot('inbox-after-return');
    session.check();
  }, 60_000);
});

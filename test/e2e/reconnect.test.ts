// End to end in Debian's Chromium against a real server: a department handler's connection drops, the
// ticket world moves on without them, the connection comes back and the open inbox catches up by itself
// (the live store replays what it missed by lastSeq; nothing is reloaded).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { apiTicket, expectTimeline } from './harness/flow.js';
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

  it('catches up on its open inbox when the connection is restored: new arrivals, departures, changes', async () => {
    const zjj = server.t.dir.dept.zjj;
    const toReturn = await apiTicket(server, { title: '小区路灯损坏', dispatchTo: zjj });
    const toUrge = await apiTicket(server, { title: '楼道堆放杂物', dispatchTo: zjj, signAs: 'handler.zjj' });

    const handler = await session.user('handler.zjj');
    await handler.login('inbox');
    const row = (no: string) => handler.el('view-inbox').locator(tid(`ticket-row-${no}`));
    await row(toReturn).waitFor();
    await row(toUrge).waitFor();
    await handler.shot('inbox-before');

    // The connection drops.
    await handler.context.setOffline(true);
    await handler.el('connection-banner').waitFor();
    await handler.shot('inbox-offline');

    // Meanwhile: a new ticket arrives for 住建局, one is returned (a colleague asks, the dispatcher approves),
    // one is urged by the supervisor.
    const arrived = await apiTicket(server, { title: '供暖温度不达标', dispatchTo: zjj });
    const colleague = await server.api('handler.zjj');
    await colleague.act(toReturn, 'request_return', { reason: '不属于本单位职责，应由供热公司办理。' });
    await (await server.api('dispatcher1')).act(toReturn, 'approve_return', { note: '同意退回重新派单。' });
    await (await server.api('supervisor1')).act(toUrge, 'urge', { message: '请于今日内处理完毕。' });

    // Still offline: the page has heard none of it.
    await handler.page.waitForTimeout(1000);
    expect(await row(arrived).count()).toBe(0);
    expect(await row(toReturn).count()).toBe(1);
    await handler.shot('inbox-offline-changed');

    // The connection is back: the banner goes, the inbox shows the arrival and drops the returned ticket.
    await handler.context.setOffline(false);
    await handler.el('connection-banner').waitFor({ state: 'hidden', timeout: 20_000 });
    await row(arrived).waitFor();
    await row(toReturn).waitFor({ state: 'detached' });
    await row(toUrge).waitFor();
    await handler.shot('inbox-caught-up');

    // The urged ticket's detail has the 催办 in its history.
    await row(toUrge).click();
    await handler.el(`ticket-detail-${toUrge}`).waitFor();
    const actions = await expectTimeline(handler, server, toUrge);
    expect(actions).toContain('urge');
    await handler.shot('inbox-urged-detail');
    session.check();
  }, 90_000);
});

// End to end in Debian's Chromium against a real server: two dispatchers on one ticket. The one whose dispatch
// dialog is still open when the other sends the ticket is told, and the dialog closes (it offered a dispatch
// the server then refused with 409).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { apiTicket, expectStatus } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('a dispatch dialog open while another dispatcher sends the ticket', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'dispatch');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('closes with a warning, and the ticket shows as dispatched', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const no = await apiTicket(server, { title: '路灯不亮' });
    const dispatcher = await session.user('dispatcher1');
    await dispatcher.login('dispatch');
    await dispatcher.el(`ticket-row-${no}`).click();
    await dispatcher.el(`ticket-detail-${no}`).locator(tid('action-dispatch')).click();
    const dialog = dispatcher.el('action-dialog-dispatch');
    await dialog.waitFor();

    // The other dispatcher, from another desk.
    await (await server.api('dispatcher1')).act(no, 'dispatch', { lead: server.t.dir.dept.zjj });

    await dialog.waitFor({ state: 'hidden' });
    const warning = dispatcher.page.locator('.el-message--warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('已不在待派单状态');
    await dispatcher.shot('dispatched-elsewhere');
    await dispatcher.page.goto(`${server.url}/tickets/${no}`);
    await expectStatus(dispatcher, no, 'dispatched');
    session.check();
  }, 60_000);
});

// End to end in Debian's Chromium against a real server: 热线号码. An admin switches the 89000 line to another
// merge mode in 系统管理 and the server answers the next call with it (checked through the API here; the call
// itself is test/integration/calls/lines.test.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { IvrLine } from '../../agent-console/src/api/admin.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('热线号码', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'lines');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('an admin switches 89000 to 提示后挂机, confirmed, and it shows who changed it', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const admin = await session.user('admin');
    await admin.login('admin');
    await admin.el('tab-lines').click();
    const row = admin.el('line-row-89000');
    await row.waitFor();
    expect(await row.textContent()).toContain('按配置默认');
    // 12345 has one flow only: no choice to make.
    expect(await admin.el('line-row-12345').locator('.el-select').count()).toBe(0);

    await row.locator(tid('line-flow-89000')).click();
    await admin.page.locator('.el-select-dropdown__item:visible', { hasText: '挂机' }).click();
    const box = admin.page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('下一通来电起');
    await admin.shot('lines-confirm');
    await box.locator('.el-button--primary').click();
    await expect.poll(async () => row.textContent()).toContain('admin');

    const lines = await (await server.api('admin')).get<IvrLine[]>('/api/ivr/lines');
    expect(lines.find((l) => l.line === '89000')).toMatchObject({ flowId: '89000-end', chosenBy: 'admin' });
    await admin.shot('lines-changed');
    session.check();
  }, 90_000);
});

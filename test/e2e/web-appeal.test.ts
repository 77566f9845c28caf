// End to end in Debian's Chromium against a real server: a citizen's web appeal (网上诉求). The citizen submits the
// form at /appeal without logging in; it appears live in an operator's 网上诉求 list; the operator answers it
// (直接答复); the citizen looks up its progress (办理进度查询) and reads the answer.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Ticket } from '../../agent-console/src/api/types.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('a citizen’s web appeal (网上诉求)', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // A lookup with another number answers 404, which the browser logs.
    session = new E2ESession(browser, server.url, 'web-appeal', [/\/api\/public\/appeals\/progress/]);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('reaches an operator live, is answered there, and the citizen reads the answer', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const answer = '路灯已报修，维修班组将于两日内修复；夜间出行请注意安全。';

    // The operator opens 网上诉求 before anything has come in.
    const operator = await session.user('operator1');
    await operator.login('desk');
    await operator.el('nav-web-appeals').click();
    await operator.el('web-empty').waitFor();

    // The citizen, logged out, from the login page's link.
    const citizen = await session.user('citizen');
    await citizen.page.goto(`${server.url}/login`);
    await citizen.el('login-appeal-link').click();
    await citizen.el('view-appeal').waitFor();
    // The form refuses a number that is no phone before anything is sent.
    await citizen.el('appeal-title').fill('小区门口路灯不亮');
    await citizen.el('appeal-content').fill('登州街道某小区南门路灯坏了一周，晚上很黑。');
    await citizen.el('appeal-town').fill('登州街道');
    await citizen.el('appeal-phone').fill('12345');
    await citizen.el('appeal-submit').click();
    await citizen.page.locator('.el-form-item__error', { hasText: '手机号码' }).waitFor();
    await citizen.el('appeal-phone').fill('13905358888');
    await citizen.shot('appeal-form', { fullPage: true });
    await citizen.el('appeal-submit').click();
    const noText = citizen.el('appeal-ticket-no');
    await noText.waitFor();
    const no = (await noText.textContent())?.trim() ?? '';
    expect(no).toMatch(/^PL\d{14}$/);
    await citizen.shot('appeal-done');

    // It appears in the operator's list without a reload, chosen, and counts on the header's 网上诉求.
    const row = operator.el(`web-row-${no}`);
    await row.waitFor();
    await expect
      .poll(async () => (await operator.el('nav-web-appeals-count').textContent())?.trim())
      .toBe('1');
    await expect.poll(async () => operator.page.url()).toContain(`no=${no}`);
    await operator.page.locator('.ticket-detail, [data-test="ticket-actions"]').first().waitFor();
    await operator.el('web-answer').click();
    const dialog = operator.el('action-dialog-answer');
    await dialog.waitFor();
    await dialog.locator(tid('web-answer-text')).fill(answer);
    await operator.shot('web-appeals-answer');
    await dialog.locator(tid('action-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    // Decided: it leaves the list.
    await row.waitFor({ state: 'detached' });
    await operator.el('web-empty').waitFor();
    await operator.el('nav-web-appeals-count').waitFor({ state: 'detached' });
    const ticket = await (await server.api('operator1')).get<Ticket>(`/api/tickets/${no}`);
    expect(ticket).toMatchObject({ status: 'closed', channel: 'web', directAnswer: answer });

    // The citizen follows up from the confirmation.
    await citizen.el('appeal-follow').click();
    await citizen.el('progress-result').waitFor();
    expect((await citizen.el('progress-stage').textContent())?.trim()).toBe('已办结');
    expect((await citizen.el('progress-reply').textContent())?.trim()).toBe(answer);
    // The tab's slide and the tag's fade are over before the picture.
    await citizen.page.waitForTimeout(400);
    await citizen.shot('appeal-progress', { fullPage: true });

    // Another number gets nothing.
    await citizen.el('progress-phone').fill('13905350000');
    await citizen.el('progress-submit').click();
    await citizen.el('progress-error').waitFor();
    expect(await citizen.el('progress-result').count()).toBe(0);
    session.check();
  }, 120_000);
});

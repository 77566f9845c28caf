// End to end in Debian's Chromium against a real server: the knowledge base (知识库). An admin adds an answer in
// 系统管理; an operator on the desk finds it (查知识库), quotes it into 直办答复 and closes the ticket on the call.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Ticket } from '../../agent-console/src/api/types.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('the knowledge base (知识库)', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'knowledge');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('an admin adds an answer, and an operator quotes it to answer a call (直办)', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const answer = '携带身份证、户口簿到居住地派出所户籍窗口办理，当场受理。';

    // The admin, in 系统管理 → 知识库.
    const admin = await session.user('admin');
    await admin.login('admin');
    await admin.el('tab-knowledge').click();
    await admin.el('knowledge-create').click();
    const dialog = admin.el('dialog-knowledge');
    await dialog.waitFor();
    await dialog.locator(tid('field-title')).fill('身份证到期了怎么换领');
    await dialog.locator(tid('field-keywords')).fill('换证 身份证过期');
    await dialog.locator(tid('field-source')).fill('区公安分局');
    await dialog.locator(tid('field-answer')).fill(answer);
    await dialog.locator(tid('action-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.page
      .locator('[data-row-test^="knowledge-row-"]', { hasText: '身份证到期了怎么换领' })
      .waitFor();
    await admin.shot('admin-knowledge');

    // The operator, on a call: 查知识库, a word typed (full-width, as a Chinese input method may give it), 引用.
    const operator = await session.user('operator1');
    await operator.login('desk');
    const form = operator.el('register-form');
    await form.locator(tid('field-appealType-consult')).click();
    await form.locator(tid('field-callerPhone')).fill('13805350009');
    await form.locator(tid('field-title')).fill('身份证过期');
    await form.locator(tid('field-content')).fill('来电人咨询身份证过期了如何换领。');
    await form.locator(tid('open-knowledge')).click();
    const drawer = operator.el('knowledge-search');
    await drawer.waitFor();
    await drawer.locator(tid('knowledge-q')).fill('身份证　换证');
    const item = drawer.locator('[data-test^="knowledge-item-"]', { hasText: '身份证到期了怎么换领' });
    await item.waitFor();
    await operator.shot('desk-knowledge');
    await item.locator('[data-test^="knowledge-quote-"]').click();
    await drawer.waitFor({ state: 'hidden' });
    expect(await form.locator(tid('field-answer')).inputValue()).toBe(answer);
    await form.locator(tid('register-direct')).click();
    const link = operator.el('register-result-link');
    await link.waitFor();
    const no = (await link.textContent())?.trim() ?? '';

    const ticket = await (await server.api('operator1')).get<Ticket>(`/api/tickets/${no}`);
    expect(ticket.status).toBe('closed');
    expect(ticket.directAnswer).toBe(answer);
    // The answer counts for the article it quoted (引用), as the admins' list shows.
    await admin.el('tab-knowledge').click();
    await admin.page.reload();
    const row = admin.page.locator('.el-table__row', { hasText: '身份证到期了怎么换领' });
    await expect
      .poll(async () => (await row.locator('[data-test^="knowledge-uses-"]').textContent())?.trim())
      .toBe('1');
    session.check();
  }, 90_000);
});

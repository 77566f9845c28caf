// End to end in Debian's Chromium against a real server: one ticket from the operator's desk to closed,
// watched live by four users, each in a browser context of their own.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { expectStatus, expectTimeline } from './harness/flow.js';
import { type E2EServer, startServer } from './harness/server.js';

describe.skipIf(!CHROMIUM)('a ticket from registration to closed, in four browsers', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'lifecycle');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('operator registers and submits; dispatcher, handler and supervisor see it live and take it to closed', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await session.user('operator1');
    const dispatcher = await session.user('dispatcher1');
    const handler = await session.user('handler.zjj');
    const supervisor = await session.user('supervisor1');
    await Promise.all([
      operator.login('desk'),
      dispatcher.login('dispatch'),
      handler.login('inbox'),
      supervisor.login('supervision'),
    ]);
    await operator.shot('desk');
    await dispatcher.shot('dispatch');
    await handler.shot('inbox');
    await supervisor.shot('supervision');

    // 1. The operator fills the registration form on the desk and submits it for dispatch (提交派单).
    const form = operator.el('register-form');
    await form.locator(tid('field-appealType-complaint')).click();
    await form.locator(tid('field-callerPhone')).fill('13805350001');
    await form.locator(tid('field-callerName')).fill('王先生');
    await form.locator(tid('field-title')).fill('夜间施工噪声扰民');
    await form.locator(tid('field-content')).fill('钟楼东路某工地每晚十点后仍在施工，噪声很大，影响休息。');
    await operator.shot('desk-filled');
    await form.locator(tid('register-submit')).click();
    const link = operator.el('register-result-link');
    await link.waitFor();
    const no = (await link.textContent())?.trim() ?? '';
    expect(no).toMatch(/^PL\d{14}$/);
    await operator.shot('desk-registered');
    await link.click();
    await expectStatus(operator, no, 'pending_dispatch');
    await operator.shot('operator-ticket');

    // 2. The dispatcher, on the dispatch view since before the ticket existed, sees it arrive without reloading,
    //    opens it and dispatches it to 住建局 (lead) in the dispatch dialog.
    const row = dispatcher.el(`ticket-row-${no}`);
    await row.waitFor();
    await dispatcher.shot('dispatch-arrived');
    await row.click();
    const pane = dispatcher.el(`ticket-detail-${no}`);
    await pane.waitFor();
    await pane.locator(tid('action-dispatch')).click();
    const dialog = dispatcher.el('action-dialog-dispatch');
    await dialog.waitFor();
    await dialog.locator(tid('field-lead')).click();
    await dispatcher.el('lead-option-zjj').click();
    await dialog.locator(tid('dispatch-preview-targets')).waitFor();
    await dialog.locator(tid('dispatch-preview-times')).waitFor();
    await dispatcher.shot('dispatch-dialog');
    await dialog.locator(tid('action-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    // Its own dispatch is not taken for someone else's (the dialog warns about those).
    expect(await dispatcher.page.locator('.el-message--warning').count()).toBe(0);
    await dispatcher.shot('dispatch-done');
    // The dispatch view has no link to a dispatched ticket: the dispatcher opens its page by address and keeps it.
    await dispatcher.page.goto(`${server.url}/tickets/${no}`);
    await expectStatus(dispatcher, no, 'dispatched');
    // The page carries the dispatcher's own buttons, as beside the queue (it showed none).
    await dispatcher.el(`ticket-detail-${no}`).locator(tid('action-merge')).waitFor();
    await expectStatus(operator, no, 'dispatched');

    // 3. The handler, on the inbox since login, sees it arrive live, opens it, signs (签收) and replies (回复).
    const inboxRow = handler.el('view-inbox').locator(tid(`ticket-row-${no}`));
    await inboxRow.waitFor();
    await handler.shot('inbox-arrived');
    await inboxRow.click();
    const drawer = handler.el('inbox-drawer');
    await drawer.locator(tid(`ticket-detail-${no}`)).waitFor();
    await drawer.locator(tid('action-sign')).click();
    await expectStatus(handler, no, 'in_progress');
    await handler.shot('inbox-signed');
    await drawer.locator(tid('action-reply')).click();
    const replyDialog = handler.el('action-dialog-reply');
    await replyDialog.waitFor();
    await replyDialog.locator(tid('field-publicReply')).fill('已责令工地夜间停工，并安排执法人员巡查。');
    // Esc on a dialog with something typed asks first; 继续填写 keeps what was typed.
    await handler.page.keyboard.press('Escape');
    await handler.page.getByRole('button', { name: '继续填写' }).click();
    expect(await replyDialog.locator(tid('field-publicReply')).inputValue()).toBe(
      '已责令工地夜间停工，并安排执法人员巡查。',
    );
    await replyDialog.locator(tid('field-solved-yes')).click();
    await handler.shot('inbox-reply-dialog');
    await replyDialog.locator(tid('action-submit')).click();
    await replyDialog.waitFor({ state: 'hidden' });
    await expectStatus(handler, no, 'replied');
    await handler.shot('inbox-replied');
    // The handler keeps the ticket open on its own page (in-app navigation, no reload).
    await drawer.locator(tid('open-ticket-page')).click();
    await handler.el('ticket-back').waitFor();

    // 4. The supervisor, on the supervision view since login, sees the reply arrive in 待审核, approves it
    //    (审核通过), finds it in 待回访 and records the revisit (回访: reached, solved, satisfied).
    const supView = supervisor.el('view-supervision');
    const supRow = () => supView.locator(tid(`ticket-row-${no}`)).filter({ visible: true });
    await supRow().waitFor();
    await supervisor.shot('supervision-review');
    await supRow().click();
    const supDrawer = supervisor.el('ticket-drawer');
    await supDrawer.locator(tid(`ticket-detail-${no}`)).waitFor();
    await supDrawer.locator(tid('action-approve_reply')).click();
    const approve = supervisor.el('action-dialog-approve_reply');
    await approve.waitFor();
    await approve.locator(tid('field-note')).fill('答复内容属实，同意办结。');
    await approve.locator(tid('action-submit')).click();
    await approve.waitFor({ state: 'hidden' });
    await expectStatus(supervisor, no, 'pending_revisit');
    await supervisor.shot('supervision-approved');
    await supDrawer.locator(tid('drawer-close')).click();
    await supDrawer.waitFor({ state: 'hidden' });
    await supView.locator(tid('tab-revisit')).click();
    await supRow().waitFor();
    // The revisit clock has just started: its light is green, with the time left.
    await supRow().locator(tid('revisit-light')).locator(tid('deadline-green')).waitFor();
    await supervisor.shot('supervision-revisit');
    await supRow().click();
    await supDrawer.locator(tid('action-revisit')).click();
    const revisit = supervisor.el('action-dialog-revisit');
    await revisit.waitFor();
    await revisit.locator(tid('field-reached-yes')).click();
    await revisit.locator(tid('field-solved-yes')).click();
    await revisit.locator(tid('field-satisfaction-satisfied')).click();
    await supervisor.shot('supervision-revisit-dialog');
    await revisit.locator(tid('action-submit')).click();
    await revisit.waitFor({ state: 'hidden' });

    // 5. Closed on all four pages, open since each user's step and never reloaded, with the whole history.
    for (const u of [supervisor, operator, handler, dispatcher]) {
      await expectStatus(u, no, 'closed');
      const actions = await expectTimeline(u, server, no);
      expect(actions).toEqual(
        expect.arrayContaining([
          'register',
          'submit',
          'dispatch',
          'sign',
          'reply',
          'approve_reply',
          'revisit',
        ]),
      );
      await u.shot(`${u.username}-closed`, { fullPage: true });
    }

    // 6. Later, the dispatcher finds it again through 工单查询 by the caller's number, and opens it from the list.
    await dispatcher.el('nav-search').click();
    const search = dispatcher.el('view-search');
    await search.locator(tid('search-phone')).fill('138 0535 0001');
    await search.locator(tid('search-submit')).click();
    await search.locator(tid(`search-row-${no}`)).click();
    await expectStatus(dispatcher, no, 'closed');
    await dispatcher.shot('search-found');
    session.check();
  }, 120_000);
});

// End to end in Debian's Chromium against a real server: 来源渠道 and 受理线路 of a ticket registered on the desk
// (话务台 → 工单登记) without a call, so each channel and each merged line is counted as it came.
// - operator1 registers a walk-in (来访): the API stores channel `visit` and no line (no 12345); the form is back
//   on 电话 · 12345 after it, and the ticket page says 来访.
// - operator1 registers a phone ticket on 89000 (picked): the API stores `phone` on 89000.
// - A caller who hung up on 89000 gets a callback task; 登记 from 漏接回拨 puts the task's line (89000) in the form,
//   and the ticket keeps it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { CallbackTask } from '../../agent-console/src/api/calls.js';
import { connectGateway } from '../helpers/gateway.js';
import { CHROMIUM, E2ESession, launchBrowser, tid, type UserPage } from './harness/browser.js';
import { type E2EServer, startServer, type Ticket } from './harness/server.js';

const TOKEN = 'e2e-cti-token-desk-channel-0123';

type Sourced = Ticket & { channel: string; line: string | null };

/** The registration form's source row: what the ticket would be sent with. */
async function formSource(u: UserPage): Promise<{ channel: string | null; line: string | null }> {
  const row = u.el('form-source');
  return { channel: await row.getAttribute('data-channel'), line: await row.getAttribute('data-line') };
}

/** Lets the radio buttons' colour transitions finish, so a screenshot shows what was picked. */
const settle = (u: UserPage) => u.page.waitForTimeout(400);

/** Fills the matter of a ticket (诉求类型, number, name, title, content) in the desk's form. */
async function fillMatter(u: UserPage, m: { phone?: string; title: string; content: string }): Promise<void> {
  const form = u.el('register-form');
  await form.locator(tid('field-appealType-complaint')).click();
  if (m.phone) await form.locator(tid('field-callerPhone')).fill(m.phone);
  await form.locator(tid('field-callerName')).fill('刘女士');
  await form.locator(tid('field-title')).fill(m.title);
  await form.locator(tid('field-content')).fill(m.content);
}

/** Clicks 提交派单 and gives the new ticket's number once the result above the form names it. */
async function submit(u: UserPage, previous: string | null): Promise<string> {
  await u.el('register-form').locator(tid('register-submit')).click();
  const link = u.el('register-result-link');
  await link.waitFor();
  await expect
    .poll(async () => (await link.textContent())?.trim(), { timeout: 10_000 })
    .not.toBe(previous ?? undefined);
  const no = (await link.textContent())?.trim() ?? '';
  expect(no).toMatch(/^PL\d{14}$/);
  return no;
}

describe.skipIf(!CHROMIUM)('来源渠道与受理线路（工单登记）', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { CTI_TOKEN: TOKEN } }), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'desk-channel');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
  });

  it('a walk-in (来访) is stored with its channel and no line; an 89000 phone ticket with 89000', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await session.user('operator1');
    await operator.login('desk');
    const api = await server.api('operator1');

    // No call on the desk: 电话 on 12345 unless the operator picks otherwise.
    expect(await formSource(operator)).toEqual({ channel: 'phone', line: '12345' });
    await operator.el('field-line-12345').waitFor();
    await settle(operator);
    await operator.shot('desk-source-default');

    // A citizen at the counter (来访): no line to pick, none stored.
    await operator.el('field-channel-visit').click();
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'visit', line: '' });
    expect(await operator.el('field-line').count()).toBe(0);
    // Nobody called in: the number is the citizen's 联系电话, not a 来电号码.
    await expect
      .poll(() => operator.el('label-callerPhone').locator('.el-form-item__label').textContent())
      .toBe('联系电话');
    await fillMatter(operator, {
      phone: '13805357001',
      title: '小区门口道路破损',
      content: '来访群众反映：登州街道某小区门口道路破损多日，雨天积水，行人绕行。',
    });
    await settle(operator);
    await operator.shot('desk-walk-in-filled');
    const visitNo = await submit(operator, null);
    const visitResult = operator.el('register-result-source');
    expect((await visitResult.textContent())?.trim()).toBe('来源：来访');
    const visit = await api.get<Sourced>(`/api/tickets/${visitNo}`);
    expect(visit).toMatchObject({ channel: 'visit', line: null, status: 'pending_dispatch' });
    // The next registration starts again from 电话 · 12345.
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'phone', line: '12345' });
    await settle(operator);
    await operator.shot('desk-walk-in-registered');

    // A phone ticket taken on the old 89000 line, not linked to a call.
    await operator.el('field-line-89000').click();
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'phone', line: '89000' });
    await fillMatter(operator, {
      phone: '13805357002',
      title: '路灯不亮',
      content: '来电人反映：钟楼北路路灯连续三晚不亮，夜间出行不便。',
    });
    await settle(operator);
    await operator.shot('desk-89000-filled');
    const phoneNo = await submit(operator, visitNo);
    expect((await operator.el('register-result-source').textContent())?.trim()).toBe('来源：电话 · 89000');
    expect(await api.get<Sourced>(`/api/tickets/${phoneNo}`)).toMatchObject({
      channel: 'phone',
      line: '89000',
    });
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'phone', line: '12345' });
    await settle(operator);
    await operator.shot('desk-89000-registered');

    // The walk-in's page says where it came from.
    await operator.page.goto(`${server.url}/tickets/${visitNo}`);
    const detail = operator.el(`ticket-detail-${visitNo}`);
    await detail.waitFor();
    await expect.poll(async () => detail.textContent()).toContain('来访');
    expect(await detail.textContent()).not.toContain('来访 · 12345');
    await operator.shot('walk-in-ticket-page');
    session.check();
  }, 90_000);

  it('a callback of a caller who hung up on 89000 is registered on 89000', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await session.user('operator1');
    await operator.login('desk');
    const api = await server.api('operator1');

    const from = '13500007788';
    const g = await connectGateway(server.url, TOKEN);
    try {
      g.send({ type: 'call.offered', callId: 'cb89', from, to: '89000', at: new Date().toISOString() });
      await expect.poll(() => g.commandsFor('cb89').length).toBeGreaterThan(0);
      g.send({ type: 'call.ended', callId: 'cb89', reason: 'caller_hangup', at: new Date().toISOString() });
      await expect
        .poll(
          async () => (await api.get<CallbackTask[]>('/api/callbacks')).find((t) => t.phone === from)?.line,
        )
        .toBe('89000');
    } finally {
      g.close();
    }
    const task = (await api.get<CallbackTask[]>('/api/callbacks')).find((t) => t.phone === from)!;

    await operator.el('tab-callbacks').click();
    await operator.el(`callback-register-${task.id}`).click();
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'phone', line: '89000' });
    expect(await operator.el('register-form').locator(tid('field-callerPhone')).inputValue()).toBe(from);
    await fillMatter(operator, {
      title: '回拨：供暖不热',
      content: '回拨来电人：反映小区供暖温度不达标，室内不足十六度。',
    });
    await settle(operator);
    await operator.shot('desk-callback-filled');
    const no = await submit(operator, null);
    expect((await operator.el('register-result-source').textContent())?.trim()).toBe('来源：电话 · 89000');
    expect(await api.get<Sourced>(`/api/tickets/${no}`)).toMatchObject({ channel: 'phone', line: '89000' });
    await settle(operator);
    await operator.shot('desk-callback-registered');
    session.check();
  }, 90_000);

  it('a call taken on the desk makes it 电话 on the call’s line, read-only, whatever was picked before', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await session.user('operator1');
    await operator.login('desk');
    const api = await server.api('operator1');
    // Picked for someone else before the phone rang: the call's link puts it back to 电话.
    await operator.el('field-channel-wechat').click();
    await expect.poll(() => formSource(operator)).toEqual({ channel: 'wechat', line: '' });

    await api.post('/api/agents/me/state', { state: 'ready' });
    const from = '13500006601';
    const g = await connectGateway(server.url, TOKEN);
    try {
      g.send({ type: 'call.offered', callId: 'lk1', from, to: '12345', at: new Date().toISOString() });
      g.send({ type: 'call.input', callId: 'lk1', digits: '0' });
      await expect.poll(() => g.commandsFor('lk1').some((f) => f.type === 'bridge')).toBe(true);
      g.send({ type: 'call.answered', callId: 'lk1', agent: '1001' });

      await operator.el('form-call').waitFor();
      await expect.poll(() => formSource(operator)).toEqual({ channel: 'phone', line: '12345' });
      expect(await operator.el('field-channel').count()).toBe(0);
      expect(await operator.el('field-line').count()).toBe(0);
      expect((await operator.el('form-source-channel').textContent())?.trim()).toContain('电话');
      expect((await operator.el('form-source-line').textContent())?.trim()).toBe('12345');
      await fillMatter(operator, {
        title: '咨询公积金提取',
        content: '来电人咨询住房公积金提取需要哪些材料。',
      });
      await settle(operator);
      await operator.shot('desk-call-linked');
      const no = await submit(operator, null);
      expect((await operator.el('register-result-source').textContent())?.trim()).toBe('来源：电话 · 12345');
      expect(await api.get<Sourced>(`/api/tickets/${no}`)).toMatchObject({ channel: 'phone', line: '12345' });
      g.send({ type: 'call.ended', callId: 'lk1', reason: 'hangup', at: new Date().toISOString() });
    } finally {
      g.close();
    }
    session.check();
  }, 90_000);
});
